require "open3"

def archive(dir)
  # ruleid: ruby-cmdi-built-command
  system("tar czf backup.tgz #{dir}")
  cmd = "du -sh " + dir
  # ruleid: ruby-cmdi-built-command
  out, _status = Open3.capture2(cmd)
  # ruleid: ruby-cmdi-built-command
  listing = `ls -l #{dir}`
  # ok: ruby-cmdi-built-command
  system("tar", "czf", "backup.tgz", dir)
  # ok: ruby-cmdi-built-command
  system("du -sh #{Shellwords.escape(dir)}")
  # ok: ruby-cmdi-built-command
  uptime = `uptime`
  [out, listing, uptime]
end
