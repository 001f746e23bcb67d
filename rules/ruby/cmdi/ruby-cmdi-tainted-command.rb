require "open3"
require "shellwords"

class ArchivesController < ApplicationController
  def create
    dir = params[:dir]
    # ruleid: ruby-cmdi-tainted-command
    system("tar czf backup.tgz #{dir}")
    cmd = "du -sh " + dir
    # ruleid: ruby-cmdi-tainted-command
    out, _status = Open3.capture2(cmd, stdin_data: "")
    # ruleid: ruby-cmdi-tainted-command
    listing = `ls -l #{params[:path]}`
    # ruleid: ruby-cmdi-tainted-command
    IO.popen("grep #{request.query_string} log.txt") { |io| io.read }
    # ruleid: ruby-cmdi-tainted-command
    open(params[:report]) { |f| f.read }
    # ok: ruby-cmdi-tainted-command
    system("tar", "czf", "backup.tgz", dir)
    # ok: ruby-cmdi-tainted-command
    IO.popen(["grep", params[:q], "log.txt"]) { |io| io.read }
    # ok: ruby-cmdi-tainted-command
    system("tar czf backup.tgz #{Shellwords.escape(dir)}")
    # ok: ruby-cmdi-tainted-command
    Open3.capture2("du -sh #{dir.shellescape}")
    # ok: ruby-cmdi-tainted-command
    uptime = `uptime`
    # ok: ruby-cmdi-tainted-command
    `kill -9 #{params[:pid].to_i}`
    render json: [out, listing, uptime]
  end
end
