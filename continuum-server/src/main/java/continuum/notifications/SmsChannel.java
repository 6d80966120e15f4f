package continuum.notifications;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP gateway: a JSON {@code POST} of {@code to}, {@code text} and
 * {@code requestId} to the configured URL, with the message's idempotency key also in the
 * {@code Idempotency-Key} header (the IETF httpapi idempotency-key draft), so the gateway
 * can drop a message sent again after a crash. 2xx is sent; 408, 429 and 5xx are retried,
 * like timeouts and connection failures; any other 4xx is a permanent refusal.
 */
@Component
class SmsChannel implements Channel {

	private final NotificationsSettings.Sms settings;

	private final JsonMapper json;

	private final HttpClient http;

	SmsChannel(NotificationsSettings settings, JsonMapper json) {
		this.settings = settings.sms();
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public DeliveryChannel type() {
		return DeliveryChannel.SMS;
	}

	@Override
	public boolean configured() {
		return settings.configured();
	}

	@Override
	public void send(OutboxMessage message) throws DeliveryException, InterruptedException {
		Map<String, String> payload = new LinkedHashMap<>();
		payload.put("to", message.recipient());
		payload.put("text", message.body());
		payload.put("requestId", message.idempotencyKey().toString());
		HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
			.timeout(settings.timeout())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", message.idempotencyKey().toString())
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)));
		if (settings.token() != null && !settings.token().isBlank()) {
			request.header("Authorization", "Bearer " + settings.token());
		}
		int status;
		try {
			status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpTimeoutException ex) {
			throw new DeliveryException("sms-timeout", false, ex);
		}
		catch (IOException ex) {
			throw new DeliveryException("sms-unreachable", false, ex);
		}
		if (status >= 200 && status < 300) {
			return;
		}
		boolean retryable = status == 408 || status == 429 || status >= 500 || status < 400;
		throw new DeliveryException("sms-http-" + status, !retryable);
	}

}
