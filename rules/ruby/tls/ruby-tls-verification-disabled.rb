require "net/http"

def fetch(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  # ruleid: ruby-tls-verification-disabled
  http.verify_mode = OpenSSL::SSL::VERIFY_NONE
  # ok: ruby-tls-verification-disabled
  http.verify_mode = OpenSSL::SSL::VERIFY_PEER
  # ruleid: ruby-tls-verification-disabled
  Net::HTTP.start(uri.host, uri.port, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE)
  http.get(uri.path)
end
