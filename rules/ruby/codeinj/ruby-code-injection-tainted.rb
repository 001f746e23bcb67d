class CalculatorsController < ApplicationController
  def show
    expr = params[:expr]
    # ruleid: ruby-code-injection-tainted
    result = eval(expr)
    # ruleid: ruby-code-injection-tainted
    Report.class_eval("def #{params[:name]}; end")
    # ruleid: ruby-code-injection-tainted
    @widget.instance_eval(cookies[:script])
    # ok: ruby-code-injection-tainted
    total = eval("1 + 2")
    # ok: ruby-code-injection-tainted
    @widget.instance_eval { reset! }
    # ok: ruby-code-injection-tainted
    @value = Integer(params[:expr]) * 2
    render json: [result, total]
  end
end
