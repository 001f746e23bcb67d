class ReportsController < ApplicationController
  ALLOWED = %w[daily weekly].freeze

  def show
    report = Report.find(params[:id])
    # ruleid: ruby-unsafe-reflection-tainted
    @data = report.send(params[:format_method])
    # ruleid: ruby-unsafe-reflection-tainted
    @other = report.public_send("#{params[:kind]}_summary", current_user)
    # ruleid: ruby-unsafe-reflection-tainted
    klass = params[:type].constantize
    name = params.fetch(:exporter)
    # ruleid: ruby-unsafe-reflection-tainted
    exporter = Object.const_get(name)
    # ok: ruby-unsafe-reflection-tainted
    @total = report.send(:total)
    # ok: ruby-unsafe-reflection-tainted
    @named = "Exporters::Csv".constantize
    # ok: ruby-unsafe-reflection-tainted
    @socket.send(params[:payload], 0)
    # ok: ruby-unsafe-reflection-tainted
    @sum = report.public_send(:sum, params[:column])
    render json: [klass, exporter]
  end

  def export
    kind = params[:kind]
    return head(:bad_request) unless ALLOWED.include?(kind)
    # ok: ruby-unsafe-reflection-tainted
    @rows = Report.public_send(kind)
    type = params[:type]
    unless %w[Csv Json].include?(type)
      render_403
      return
    end
    # ok: ruby-unsafe-reflection-tainted
    exporter = "Exporters::#{type}".constantize
    # ok: ruby-unsafe-reflection-tainted
    format = params[:raw] ? :raw_summary : :summary
    @summary = Report.public_send(format)
  end
end
