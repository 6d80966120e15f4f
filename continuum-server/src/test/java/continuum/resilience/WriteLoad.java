package continuum.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import continuum.fhir.FhirTestSupport;
import continuum.resilience.Attempt.Kind;
import continuum.resilience.Attempt.Outcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Slot;

/**
 * A continuous mixed write load from several clients, as a ward's workstations and an
 * interface would make it: patient registrations (FHIR {@code Patient} create), allergy
 * records for the patients each client registered, and bookings of free slots. Every
 * write carries an {@code Idempotency-Key}; every attempt is recorded with what the
 * client learned of it, so that the checks afterwards can hold the database to the
 * answers the clients got.
 *
 * <p>
 * A client talks to one server node and moves to the next when a node refuses its
 * connection, as a load balancer would. A request that was sent and got no answer is an
 * unknown outcome; {@link #settleUnknown} retries those with the same key once the system
 * is back, which is the retry the contract in {@code docs/operations.md} promises is
 * safe.
 */
final class WriteLoad implements AutoCloseable {

	static final String IDENTIFIER_SYSTEM = "urn:continuum:test:fault-load";

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

	private final List<String> nodes;

	private final Tokens tokens;

	private final int clients;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean();

	private final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();

	private ExecutorService pool;

	/** The bearer tokens the clients use, by demo account; shared by all nodes. */
	interface Tokens {

		String of(String username);

	}

	WriteLoad(List<String> nodes, Tokens tokens, int clients) {
		this.nodes = List.copyOf(nodes);
		this.tokens = tokens;
		this.clients = clients;
	}

	void start() {
		running.set(true);
		pool = Executors.newFixedThreadPool(clients);
		for (int i = 0; i < clients; i++) {
			int client = i;
			pool.submit(() -> runClient(client));
		}
	}

	/** Stops the clients after their current request and waits for them. */
	void stop() throws InterruptedException {
		running.set(false);
		pool.shutdown();
		if (!pool.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
			pool.shutdownNow();
			throw new IllegalStateException("The load clients did not stop");
		}
	}

	List<Attempt> attempts() {
		return new ArrayList<>(attempts);
	}

	/**
	 * The time to recover as the clients saw it: from the fault to the first write
	 * acknowledged after the last failure it caused (a 503, an unknown outcome, a refused
	 * connection, a defect; a slot taken by another client is not a failure). A request
	 * that a dying server still answered before failing does not end the outage.
	 */
	Duration recoveredAfter(long faultNanos) {
		long lastFailure = attempts.stream()
			.filter(a -> a.sentNanos() >= faultNanos && failed(a))
			.mapToLong(Attempt::answeredNanos)
			.max()
			.orElse(faultNanos);
		return attempts.stream()
			.filter(a -> a.outcome() == Outcome.ACKNOWLEDGED && a.sentNanos() >= lastFailure)
			.mapToLong(Attempt::answeredNanos)
			.min()
			.stream()
			.mapToObj(answered -> Duration.ofNanos(answered - faultNanos))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No write was acknowledged after the fault's last failure"));
	}

	/**
	 * Whether writes have been acknowledged, and none failed, for the given while: the
	 * system has come back from whatever was done to it.
	 */
	boolean steadyFor(Duration quiet) {
		long since = System.nanoTime() - quiet.toNanos();
		boolean failures = attempts.stream().anyMatch(a -> failed(a) && a.answeredNanos() >= since);
		long acknowledged = attempts.stream()
			.filter(a -> a.outcome() == Outcome.ACKNOWLEDGED && a.sentNanos() >= since)
			.count();
		return !failures && acknowledged >= 3;
	}

	static boolean failed(Attempt attempt) {
		return switch (attempt.outcome()) {
			case ACKNOWLEDGED -> false;
			case REFUSED -> attempt.status() == 503;
			case UNKNOWN, NOT_SENT, BAD -> true;
		};
	}

	private void runClient(int client) {
		int node = client % nodes.size();
		List<String> myPatients = new ArrayList<>();
		int step = 0;
		while (running.get()) {
			try {
				node = step(step++, node, myPatients);
			}
			catch (RuntimeException ex) {
				// A client must not die silently: the test reports what broke it.
				failures.add(ex);
				pause(250);
			}
		}
	}

	/** What broke the clients themselves (not the server's answers): must stay empty. */
	List<RuntimeException> clientFailures() {
		return new ArrayList<>(failures);
	}

	/** One write by a client; answers the node the client uses next. */
	private int step(int step, int node, List<String> myPatients) {
		Kind kind = switch (step % 3) {
			case 0 -> Kind.PATIENT;
			case 1 -> myPatients.isEmpty() ? Kind.PATIENT : Kind.ALLERGY;
			default -> Kind.BOOKING;
		};
		String key = UUID.randomUUID().toString();
		Attempt attempt = switch (kind) {
			case PATIENT -> send(kind, key, nodes.get(node), patientRequest(nodes.get(node), key));
			case ALLERGY -> send(kind, key, nodes.get(node),
					allergyRequest(nodes.get(node), key, myPatients.get(myPatients.size() - 1)));
			case BOOKING -> myPatients.isEmpty() ? null : book(key, nodes.get(node),
					myPatients.get(ThreadLocalRandom.current().nextInt(myPatients.size())));
		};
		if (attempt == null) {
			pause(200);
			return node;
		}
		attempts.add(attempt);
		if (attempt.kind() == Kind.PATIENT && attempt.outcome() == Outcome.ACKNOWLEDGED) {
			myPatients.add(attempt.resourceId());
		}
		if (attempt.outcome() == Outcome.NOT_SENT) {
			node = (node + 1) % nodes.size();
		}
		if (attempt.outcome() != Outcome.ACKNOWLEDGED) {
			pause(250);
		}
		return node;
	}

	/**
	 * Retries every unknown outcome with its own key until the server gives a definite
	 * answer, then replaces the attempt by that answer. Answers how many were settled.
	 */
	int settleUnknown(Duration patience) {
		List<Attempt> unknown = attempts.stream().filter(a -> a.outcome() == Outcome.UNKNOWN).toList();
		long deadline = System.nanoTime() + patience.toNanos();
		int settled = 0;
		for (Attempt original : unknown) {
			Attempt retried = original;
			int node = 0;
			while (retried.outcome() == Outcome.UNKNOWN || retried.outcome() == Outcome.NOT_SENT
					|| (retried.outcome() == Outcome.REFUSED && retried.status() == 503)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("An unknown outcome could not be settled in " + patience);
				}
				String base = nodes.get(node++ % nodes.size());
				retried = send(original.kind(), original.key(), base, retryRequest(base, original));
				if (retried.outcome() != Outcome.ACKNOWLEDGED) {
					pause(500);
				}
			}
			attempts.remove(original);
			attempts.add(retried);
			settled++;
		}
		return settled;
	}

	private final java.util.Map<String, HttpRequest> sentRequests = new java.util.concurrent.ConcurrentHashMap<>();

	private HttpRequest retryRequest(String base, Attempt original) {
		HttpRequest first = sentRequests.get(original.key());
		String path = first.uri().getRawPath()
				+ (first.uri().getRawQuery() == null ? "" : "?" + first.uri().getRawQuery());
		HttpRequest.Builder again = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(REQUEST_TIMEOUT)
			.method(first.method(), first.bodyPublisher().orElseThrow());
		first.headers().map().forEach((name, values) -> values.forEach(value -> again.header(name, value)));
		return again.build();
	}

	private HttpRequest patientRequest(String base, String key) {
		String body = """
				{"resourceType":"Patient",
				 "identifier":[{"system":"%s","value":"%s"}],
				 "name":[{"family":"Faultload","given":["Client"]}],
				 "gender":"unknown","birthDate":"1970-01-01"}""".formatted(IDENTIFIER_SYSTEM, key);
		return write(base + "/fhir/Patient", key, body, tokens.of("physician"));
	}

	private HttpRequest allergyRequest(String base, String key, String patientId) {
		String body = """
				{"resourceType":"AllergyIntolerance",
				 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
				 "code":{"text":"fault-%s"},
				 "patient":{"reference":"Patient/%s"}}"""
			.formatted(key, patientId);
		return write(base + "/fhir/AllergyIntolerance", key, body, tokens.of("physician"));
	}

	/**
	 * Books a free slot of the coming weeks for a patient the client registered; null
	 * when no free slot could be read (the search failed: nothing was attempted).
	 */
	private Attempt book(String key, String base, String patientId) {
		String from = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		HttpRequest search = HttpRequest
			.newBuilder(URI.create(base + "/fhir/Slot?status=free&start=ge" + from + "&_count=50"))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + tokens.of("scheduler"))
			.header("Accept", "application/fhir+json")
			.GET()
			.build();
		List<Slot> free;
		try {
			HttpResponse<String> found = http.send(search, HttpResponse.BodyHandlers.ofString());
			if (found.statusCode() != 200) {
				return null;
			}
			Bundle bundle = FhirTestSupport.context().newJsonParser().parseResource(Bundle.class, found.body());
			free = new ArrayList<>(bundle.getEntry().stream().map(e -> (Slot) e.getResource()).toList());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		if (free.isEmpty()) {
			return null;
		}
		Collections.shuffle(free, ThreadLocalRandom.current());
		Slot slot = free.get(0);
		String body = """
				{"resourceType":"Appointment","status":"booked",
				 "start":"%s","end":"%s","comment":"%s",
				 "slot":[{"reference":"Slot/%s"}],
				 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"}]}""".formatted(
				slot.getStartElement().getValueAsString(), slot.getEndElement().getValueAsString(), key,
				slot.getIdElement().getIdPart(), patientId);
		return send(Kind.BOOKING, key, base, write(base + "/fhir/Appointment", key, body, tokens.of("scheduler")));
	}

	private HttpRequest write(String url, String key, String body, String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/fhir+json")
			.header("Accept", "application/fhir+json")
			.header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		sentRequests.putIfAbsent(key, request);
		return request;
	}

	private Attempt send(Kind kind, String key, String base, HttpRequest request) {
		long sent = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			long answered = System.nanoTime();
			int status = response.statusCode();
			Outcome outcome = OutageAnswers.classify(response);
			String id = outcome == Outcome.ACKNOWLEDGED ? OutageAnswers.createdId(response) : null;
			if (outcome == Outcome.ACKNOWLEDGED && id == null) {
				// An acknowledgement that does not say what was created breaks the
				// contract.
				outcome = Outcome.BAD;
			}
			return new Attempt(kind, key, outcome, status, id, sent, answered);
		}
		catch (ConnectException | HttpConnectTimeoutException ex) {
			return new Attempt(kind, key, Outcome.NOT_SENT, 0, null, sent, System.nanoTime());
		}
		catch (IOException ex) {
			// Sent, and the answer was lost (the node died, the connection was cut):
			// unknown.
			return new Attempt(kind, key, Outcome.UNKNOWN, 0, null, sent, System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Attempt(kind, key, Outcome.UNKNOWN, 0, null, sent, System.nanoTime());
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (running.get()) {
			stop();
		}
	}

}
