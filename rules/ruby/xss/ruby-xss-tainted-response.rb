class CommentsController < ApplicationController
  def show
    note = params[:note]
    # ruleid: ruby-xss-tainted-response
    @note = note.html_safe
    # ruleid: ruby-xss-tainted-response
    render html: "<p>#{params[:greeting]}</p>".html_safe
    # ruleid: ruby-xss-tainted-response
    render inline: "<h1>#{params[:title]}</h1>"
    # ruleid: ruby-xss-tainted-response
    @banner = helpers.raw(cookies[:banner])
    # ok: ruby-xss-tainted-response
    @escaped = ERB::Util.html_escape(note).html_safe
    # ok: ruby-xss-tainted-response
    @cleaned = helpers.sanitize(params[:bio]).html_safe
    # ok: ruby-xss-tainted-response
    render plain: params[:greeting]
    # ok: ruby-xss-tainted-response
    @title = "<b>Comments</b>".html_safe
    comment = Comment.find(params[:id])
    # ok: ruby-xss-tainted-response
    @body = comment.body.html_safe
    # ok: ruby-xss-tainted-response
    @field = text_field_tag("q", params[:q]).html_safe
    # ok: ruby-xss-tainted-response
    @count = "<b>#{params[:page].to_i}</b>".html_safe
  end
end
