class SessionsController < ApplicationController
  def restore
    blob = Base64.decode64(cookies[:state])
    # ruleid: ruby-unsafe-deserialization
    state = Marshal.load(blob)
    # ruleid: ruby-unsafe-deserialization
    prefs = YAML.load(params[:prefs])
    # ok: ruby-unsafe-deserialization
    safe = YAML.safe_load(params[:prefs], permitted_classes: [Date])
    # ok: ruby-unsafe-deserialization
    data = JSON.parse(params[:data])
    render json: [state, prefs, safe, data]
  end
end
