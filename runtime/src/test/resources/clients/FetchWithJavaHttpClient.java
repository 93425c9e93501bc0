import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A JVM child of 'authsome run': the JDK's HttpClient with its defaults, which take the proxy and
 * the trust store from the system properties in JAVA_TOOL_OPTIONS.
 */
public class FetchWithJavaHttpClient {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String url : args) {
            System.out.println(client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
