package piot.gateway.app;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;
import piot.gateway.status.ApiClient;

/**
 * {@code --url} and {@code --token}, mixed into the commands that drive a gateway's HTTP API with
 * write access ({@code push}, {@code release}, {@code config push}), so the three spell them the same.
 */
final class ApiOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = ApiClient.DEFAULT_URL, description = "the gateway's HTTP API (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token, when the gateway requires one")
    String token;

    /** A client for {@code --url} sending {@code --token}, giving up on a request after {@code timeout}. */
    ApiClient client(Duration timeout) {
        return new ApiClient(url, token, timeout);
    }
}
