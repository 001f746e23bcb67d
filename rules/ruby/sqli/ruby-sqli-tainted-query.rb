class UsersController < ApplicationController
  def index
    name = params[:name]
    # ruleid: ruby-sqli-tainted-query
    @users = User.where("name = '#{name}'")
    # ruleid: ruby-sqli-tainted-query
    @sorted = User.order(params[:sort])
    # ruleid: ruby-sqli-tainted-query
    @found = User.find_by_sql("SELECT * FROM users WHERE email = '" + params.fetch(:email) + "'")
    sql = "DELETE FROM sessions WHERE owner = '#{request.headers['X-Owner']}'"
    # ruleid: ruby-sqli-tainted-query
    ActiveRecord::Base.connection.execute(sql)
    # ruleid: ruby-sqli-tainted-query
    @ids = User.pluck(Arel.sql(params[:column].to_s))
    # ok: ruby-sqli-tainted-query
    @admins = User.where("name = ?", name)
    # ok: ruby-sqli-tainted-query
    @same = User.where(name: params[:name])
    # ok: ruby-sqli-tainted-query
    @active = User.where(active: true).order("created_at DESC")
    # ok: ruby-sqli-tainted-query
    @page = User.where("id > #{params[:after].to_i}")
    quoted = ActiveRecord::Base.connection.quote(params[:name])
    # ok: ruby-sqli-tainted-query
    ActiveRecord::Base.connection.execute("DELETE FROM sessions WHERE owner = #{quoted}")
    # ok: ruby-sqli-tainted-query
    @filtered = User.where(params.require(:filter).permit(:role, :team))
    name = "guest"
    # ok: ruby-sqli-tainted-query
    @guests = User.where("name = '#{name}'")
    column = %w[name created_at].include?(params[:sort]) ? params[:sort] : "name"
    # ok: ruby-sqli-tainted-query
    @ordered = User.order("#{column} DESC")
    # ok: ruby-sqli-tainted-query
    @payload = params.select { |key, _| key.start_with?("q_") }
  end

  def search(params)
    # ok: ruby-sqli-tainted-query
    User.where("name = '#{params[:name]}'")
  end
end
