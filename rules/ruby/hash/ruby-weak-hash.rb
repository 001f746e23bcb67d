require "digest"

def fingerprint(password)
  # ruleid: ruby-weak-hash
  legacy = Digest::MD5.hexdigest(password)
  # ruleid: ruby-weak-hash
  old = Digest::SHA1.hexdigest(password)
  # ok: ruby-weak-hash
  strong = Digest::SHA256.hexdigest(password)
  [legacy, old, strong]
end
