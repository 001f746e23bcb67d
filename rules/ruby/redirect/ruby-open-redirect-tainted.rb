class SessionsController < ApplicationController
  def create
    target = params[:return_to]
    # ruleid: ruby-open-redirect-tainted
    redirect_to target
    # ruleid: ruby-open-redirect-tainted
    redirect_to "#{params[:host]}/welcome", status: :found
    # ruleid: ruby-open-redirect-tainted
    redirect_to(cookies[:next])
    # ruleid: ruby-open-redirect-tainted
    redirect_to params.permit(:host, :path)
    # ok: ruby-open-redirect-tainted
    redirect_to root_path
    # ok: ruby-open-redirect-tainted
    redirect_to url_from(params[:return_to]) || root_path
    # ok: ruby-open-redirect-tainted
    redirect_to params.permit(:page, :sort)
    # ok: ruby-open-redirect-tainted
    redirect_to post_path(params[:id])
    # ok: ruby-open-redirect-tainted
    redirect_to params[:return_to], allow_other_host: false
    # ok: ruby-open-redirect-tainted
    redirect_to params[:return_to], only_path: true
    # ok: ruby-open-redirect-tainted
    redirect_to action: :show, id: params[:id]
  end
end
