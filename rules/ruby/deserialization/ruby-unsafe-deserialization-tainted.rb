class SessionsController < ApplicationController
  def restore
    blob = Base64.decode64(cookies[:state])
    # ruleid: ruby-unsafe-deserialization-tainted
    state = Marshal.load(blob)
    # ruleid: ruby-unsafe-deserialization-tainted
    prefs = YAML.load(params[:prefs])
    # ruleid: ruby-unsafe-deserialization-tainted
    doc = Oj.load(request.body.read)
    # ok: ruby-unsafe-deserialization-tainted
    safe = YAML.safe_load(params[:prefs], permitted_classes: [Date])
    # ok: ruby-unsafe-deserialization-tainted
    data = JSON.parse(params[:data])
    # ok: ruby-unsafe-deserialization-tainted
    strict = Oj.load(request.body.read, mode: :strict)
    # ok: ruby-unsafe-deserialization-tainted
    trusted = Marshal.load(cookies.encrypted[:state])
    # ok: ruby-unsafe-deserialization-tainted
    defaults = YAML.load(File.read("config/defaults.yml"))
    render json: [state, prefs, doc, safe, data, strict, trusted, defaults]
  end
end
