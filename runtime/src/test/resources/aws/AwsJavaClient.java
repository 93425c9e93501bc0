import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A JVM child of 'authsome run' for AwsSigV4IT: the JDK's HttpClient with its defaults (proxy and
 * trust store from JAVA_TOOL_OPTIONS), unsigned requests that the proxy signs. Arguments: the
 * base URL of a JSON-protocol service (DynamoDB) and that of an S3 bucket. Prints each body.
 */
public class AwsJavaClient {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest json = HttpRequest.newBuilder(URI.create(args[0] + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Limit\": 10}")).build();
        HttpRequest object = HttpRequest.newBuilder(URI.create(args[1] + "/keys/caf%C3%A9%20menu.txt?versionId=3%2B4"))
                .header("Range", "bytes=0-99").GET().build();
        for (HttpRequest request : new HttpRequest[] {json, object}) {
            System.out.println(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
