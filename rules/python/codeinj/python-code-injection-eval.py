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


def literal_only(text):
    if not text.startswith('"') or not text.endswith('"') or '"' in text[1:-1]:
        raise ValueError("not a string literal")
    # ok: python-code-injection-eval
    return eval(text)


def prefix_only(text):
    if not text.startswith('"'):
        raise ValueError("not quoted")
    # ruleid: python-code-injection-eval
    return eval(text)


# A code runner's own parameter: whether callers pass untrusted text cannot be told here, so this is
# reported at low confidence (python-code-injection-tainted reports request data at high confidence).
def run_source(source, namespace):
    # ruleid: python-code-injection-eval
    exec(compile(source, "<console>", "exec"), namespace)
