class DownloadsController < ApplicationController
  def show
    name = params[:file]
    # ruleid: ruby-path-traversal-tainted
    send_file Rails.root.join("uploads", name)
    # ruleid: ruby-path-traversal-tainted
    text = File.read("reports/#{params[:report]}.txt")
    # ruleid: ruby-path-traversal-tainted
    FileUtils.rm_rf(File.join("tmp", params[:dir]))
    # ruleid: ruby-path-traversal-tainted
    render file: "public/#{params[:page]}"
    # ok: ruby-path-traversal-tainted
    send_file Rails.root.join("uploads", File.basename(name))
    # ok: ruby-path-traversal-tainted
    log = File.read("log/production.log")
    # ok: ruby-path-traversal-tainted
    File.open("exports/#{params[:id].to_i}.csv", "w") { |f| f.write(text) }
    # ok: ruby-path-traversal-tainted
    render template: "pages/show"
  end
end
