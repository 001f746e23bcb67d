import ast


def calculate(request):
    expression = request.args.get("expr")
    # ruleid: python-code-injection-eval
    result = eval(expression)
    # ruleid: python-code-injection-eval
    exec("x = " + expression)
    # ruleid: python-code-injection-eval
    code = compile(expression, "<input>", "eval")
    # ok: python-code-injection-eval
    value = ast.literal_eval(expression)
    # ok: python-code-injection-eval
    eval("1 + 2")
    # ok: python-code-injection-eval
    model.eval()
    return result, code, value
