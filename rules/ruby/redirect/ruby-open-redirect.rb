class SessionsController < ApplicationController
  def create
    # ruleid: ruby-open-redirect
    redirect_to params[:return_to]
    # ruleid: ruby-open-redirect
    redirect_to "#{params[:host]}/welcome", status: :found
    # ok: ruby-open-redirect
    redirect_to root_path
    # ok: ruby-open-redirect
    redirect_to params[:return_to], only_path: true
  end
end
