class CommentsController < ApplicationController
  def show
    comment = Comment.find(params[:id])
    # ruleid: ruby-xss-unescaped-output
    @body = comment.body.html_safe
    # ruleid: ruby-xss-unescaped-output
    render(html: "<p>#{params[:note]}</p>")
    # ok: ruby-xss-unescaped-output
    @title = "<b>Comments</b>".html_safe
    # ok: ruby-xss-unescaped-output
    @plain = comment.body
  end
end
