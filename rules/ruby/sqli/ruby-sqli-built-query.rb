class UsersController < ApplicationController
  def index
    name = params[:name]
    # ruleid: ruby-sqli-built-query
    @users = User.where("name = '#{name}'")
    sql = "DELETE FROM sessions WHERE owner = '" + name + "'"
    # ruleid: ruby-sqli-built-query
    ActiveRecord::Base.connection.execute(sql)
    # ok: ruby-sqli-built-query
    @page = User.where("id > #{params[:after].to_i}")
    # ok: ruby-sqli-built-query
    @named = User.where("name = #{ActiveRecord::Base.connection.quote(name)}")
    column = %w[name created_at].include?(params[:sort]) ? params[:sort] : "name"
    # ok: ruby-sqli-built-query
    @ordered = User.order("#{column} DESC")
    # ok: ruby-sqli-built-query
    @admins = User.where("name = ?", name)
    # ok: ruby-sqli-built-query
    @active = User.where(active: true).order("created_at DESC")
  end
end
