import javax.net.ssl.*;
import java.security.cert.*;

public class InsecureClient {
    TrustManager trustAll = new X509TrustManager() {
        // ruleid: java-tls-trust-all
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        // ruleid: java-tls-trust-all
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    };

    void configure() {
        // ruleid: java-tls-trust-all
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
    }
}

class PinningTrustManager implements X509TrustManager {
    private final X509TrustManager delegate;
    PinningTrustManager(X509TrustManager delegate) { this.delegate = delegate; }
    // ok: java-tls-trust-all
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }
    public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
}
