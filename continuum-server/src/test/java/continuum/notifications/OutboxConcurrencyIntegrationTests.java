package continuum.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import continuum.patients.PatientId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims with {@code FOR UPDATE SKIP LOCKED} never hand a row to two dispatchers: four
 * extra claim loops race the application's own dispatcher over 200 messages, and the
 * gateway sees each key exactly once.
 */
class OutboxConcurrencyIntegrationTests extends NotificationPeers {

	@Autowired
	OutboxWorker worker;

	@Test
	void fourClaimLoopsAndTheDispatcherSendEachOf200MessagesOnce() throws Exception {
		String phone = uniquePhone();
		PatientId patient = patient(null, phone, "en");
		Instant start = Instant.parse("2027-03-01T10:00:00Z");
		AtomicBoolean done = new AtomicBoolean();
		ExecutorService loops = Executors.newFixedThreadPool(4);
		List<Future<Integer>> tried;
		List<NotificationMessage> queued;
		try {
			tried = IntStream.range(0, 4).mapToObj(i -> loops.submit(() -> {
				int sent = 0;
				while (!done.get()) {
					sent += worker.drain(retryAt -> {
					});
				}
				return sent;
			})).toList();
			queued = transaction.execute(status -> IntStream.range(0, 200)
				.mapToObj(i -> notifications.notify(PatientNotification.of(patient,
						NotificationKind.APPOINTMENT_REMINDER, "Appointment/c" + i, start, null, null)))
				.flatMap(List::stream)
				.toList());
			await().atMost(Duration.ofSeconds(60))
				.until(() -> notifications.messagesFor(patient)
					.stream()
					.filter(m -> m.status() == DeliveryStatus.SENT)
					.count() == 200);
		}
		finally {
			done.set(true);
			loops.shutdown();
		}
		int byLoops = 0;
		for (Future<Integer> loop : tried) {
			byLoops += loop.get();
		}
		assertThat(byLoops).isPositive().isLessThanOrEqualTo(200);
		List<SmsGatewayStub.Request> requests = SMS.requestsTo(phone);
		Map<String, Long> perKey = requests.stream()
			.collect(Collectors.groupingBy(SmsGatewayStub.Request::idempotencyKey, Collectors.counting()));
		assertThat(perKey).hasSize(200).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
		assertThat(perKey.keySet())
			.containsExactlyInAnyOrderElementsOf(queued.stream().map(m -> m.idempotencyKey().toString()).toList());
		assertThat(notifications.messagesFor(patient)).allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
	}

}
