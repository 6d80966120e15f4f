import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interactions of issue 19 added to the standard FHIR Patient workload, for any FHIR R4 server on loopback
 * (Continuum and the reference alike), written against the JDK alone as the shared LoadGen is:
 *
 * <pre>
 * java Interactions.java transaction --base URL --count 500 --concurrency 8 --ids FILE
 * java Interactions.java history     --base URL --ids FILE --count 2000 --concurrency 8
 * java Interactions.java revinclude  --base URL --ids FILE --count 2000 --concurrency 8
 * </pre>
 *
 * <ul>
 * <li>{@code transaction}: a transaction Bundle of 10 entries — a new Patient (urn:uuid fullUrl, a unique
 * identifier) with 3 AllergyIntolerance, 3 Condition and 3 MedicationStatement entries that reference it; the
 * answer must be 200 with 10 entries, and the created Patient's id is written to the ids file.</li>
 * <li>{@code history}: {@code GET Patient/{id}/_history}; the answer must be a history Bundle.</li>
 * <li>{@code revinclude}: {@code GET Patient?_id={id}&_revinclude=AllergyIntolerance:patient}; the answer must hold
 * the patient and its 3 allergies (4 entries).</li>
 * </ul>
 * One JSON line per phase, as LoadGen prints: ops, errors, wall_s, req_per_s, mean/p50/p90/p99/max ms. A bearer token
 * comes from {@code --bearer} or {@code FHIR_BEARER}. Only loopback targets; every loop bounded by its count and by
 * {@code --max-seconds}.
 */
public class Interactions {

	private static final Pattern PATIENT_LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"(?:[^\"]*/)?Patient/([^/\"]+)");

	private static final Pattern ENTRY_RESOURCE_TYPE = Pattern.compile("\"resourceType\"\\s*:\\s*\"(\\w+)\"");

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		String base = option(args, "--base", null);
		int count = Integer.parseInt(option(args, "--count", "1000"));
		int concurrency = Integer.parseInt(option(args, "--concurrency", "1"));
		int warmup = Integer.parseInt(option(args, "--warmup", "0"));
		long maxSeconds = Long.parseLong(option(args, "--max-seconds", "600"));
		String ids = option(args, "--ids", null);
		String bearer = option(args, "--bearer", System.getenv("FHIR_BEARER"));
		if (base == null || !(base.startsWith("http://127.") || base.startsWith("http://localhost"))) {
			throw new IllegalArgumentException("a loopback --base is required: " + base);
		}
		Interactions run = new Interactions(base.replaceAll("/$", ""), bearer);
		switch (mode) {
			case "transaction" -> run.transactions(count, concurrency, maxSeconds, Path.of(ids));
			case "history" -> run.reads("history", Files.readAllLines(Path.of(ids)), count, concurrency, warmup,
					maxSeconds, id -> "/Patient/" + id + "/_history", body -> body.contains("\"history\""));
			case "revinclude" -> run.reads("revinclude", Files.readAllLines(Path.of(ids)), count, concurrency, warmup,
					maxSeconds, id -> "/Patient?_id=" + id + "&_revinclude=AllergyIntolerance:patient",
					body -> resourceTypes(body).equals(List.of("Bundle", "Patient", "AllergyIntolerance",
							"AllergyIntolerance", "AllergyIntolerance")));
			default -> throw new IllegalArgumentException("unknown mode " + mode);
		}
	}

	private final String base;

	private final String bearer;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private Interactions(String base, String bearer) {
		this.base = base;
		this.bearer = bearer;
	}

	private void transactions(int count, int concurrency, long maxSeconds, Path ids) throws Exception {
		ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
		String run = Long.toString(System.currentTimeMillis(), 36);
		Phase phase = new Phase("transaction_10_entries", concurrency, count, maxSeconds);
		phase.run(i -> {
			HttpResponse<String> response = send(post("/", bundle(run + "-" + i)));
			Matcher patient = PATIENT_LOCATION.matcher(response.body());
			boolean ok = response.statusCode() == 200 && patient.find()
					&& count(response.body(), "\"response\"") == 10;
			if (ok) {
				created.add(patient.group(1));
			}
			return ok;
		});
		Files.write(ids, created);
		phase.print();
	}

	private void reads(String name, List<String> ids, int count, int concurrency, int warmup, long maxSeconds,
			java.util.function.Function<String, String> path, java.util.function.Predicate<String> expected)
			throws Exception {
		List<String> shuffled = new ArrayList<>(ids);
		Collections.shuffle(shuffled, new java.util.Random(42));
		for (int i = 0; i < warmup; i++) {
			send(get(path.apply(shuffled.get(i % shuffled.size()))));
		}
		Phase phase = new Phase(name, concurrency, count, maxSeconds);
		phase.run(i -> {
			HttpResponse<String> response = send(get(path.apply(shuffled.get(i % shuffled.size()))));
			return response.statusCode() == 200 && expected.test(response.body());
		});
		phase.print();
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/fhir+json");
		if (bearer != null && !bearer.isBlank()) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		return builder;
	}

	private HttpRequest get(String path) {
		return request(path).GET().build();
	}

	private HttpRequest post(String path, String body) {
		return request(path).header("Content-Type", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** A patient and nine entries of its record, referencing it by its urn:uuid. */
	static String bundle(String unique) {
		String patient = "urn:uuid:" + UUID.randomUUID();
		StringBuilder entries = new StringBuilder();
		entries.append(entry(patient, "Patient", """
				{"resourceType":"Patient","identifier":[{"system":"urn:bench:tx","value":"%s"}],
				 "name":[{"family":"Tx%s","given":["Bench"]}],"gender":"female","birthDate":"1961-04-12"}"""
			.formatted(unique, unique.replace("-", ""))));
		String[][] allergies = { { "91936005", "Allergy to penicillin" }, { "300916003", "Latex allergy" },
				{ "91935009", "Allergy to peanuts" } };
		for (String[] allergy : allergies) {
			entries.append(',').append(entry(null, "AllergyIntolerance", """
					{"resourceType":"AllergyIntolerance","clinicalStatus":{"coding":[{"system":
					 "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
					 "verificationStatus":{"coding":[{"system":
					 "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"confirmed"}]},
					 "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},
					 "patient":{"reference":"%s"}}""".formatted(allergy[0], allergy[1], patient)));
		}
		String[][] conditions = { { "38341003", "Hypertensive disorder" }, { "44054006", "Diabetes mellitus type 2" },
				{ "195967001", "Asthma" } };
		for (String[] condition : conditions) {
			entries.append(',').append(entry(null, "Condition", """
					{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":
					 "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
					 "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},
					 "subject":{"reference":"%s"}}""".formatted(condition[0], condition[1], patient)));
		}
		String[][] medications = { { "314076", "lisinopril 10 MG Oral Tablet" },
				{ "860975", "metformin hydrochloride 500 MG Oral Tablet" },
				{ "745679", "albuterol 0.09 MG/ACTUAT Metered Dose Inhaler" } };
		for (String[] medication : medications) {
			entries.append(',').append(entry(null, "MedicationStatement", """
					{"resourceType":"MedicationStatement","status":"active",
					 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
					 "code":"%s","display":"%s"}]},"subject":{"reference":"%s"}}"""
				.formatted(medication[0], medication[1], patient)));
		}
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
	}

	private static String entry(String fullUrl, String type, String resource) {
		return "{" + (fullUrl == null ? "" : "\"fullUrl\":\"" + fullUrl + "\",") + "\"resource\":"
				+ resource.replace("\n", "") + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
	}

	private static int count(String text, String needle) {
		int n = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
			n++;
		}
		return n;
	}

	/** The resource types in a search Bundle, the Bundle's own first. */
	static List<String> resourceTypes(String body) {
		List<String> types = new ArrayList<>();
		Matcher matcher = ENTRY_RESOURCE_TYPE.matcher(body);
		while (matcher.find()) {
			types.add(matcher.group(1));
		}
		// Both servers put the match first; the included allergies follow in any order.
		if (types.size() > 2) {
			List<String> rest = new ArrayList<>(types.subList(2, types.size()));
			Collections.sort(rest);
			types = new ArrayList<>(types.subList(0, 2));
			types.addAll(rest);
		}
		return types;
	}

	interface Step {

		boolean run(int index) throws Exception;

	}

	/** One measured phase: count operations over a number of clients, each timed. */
	private static final class Phase {

		private final String name;

		private final int concurrency;

		private final int count;

		private final long maxSeconds;

		private final long[] nanos;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicInteger errors = new AtomicInteger();

		private final AtomicInteger done = new AtomicInteger();

		private double wallSeconds;

		Phase(String name, int concurrency, int count, long maxSeconds) {
			this.name = name;
			this.concurrency = concurrency;
			this.count = count;
			this.maxSeconds = maxSeconds;
			this.nanos = new long[count];
		}

		void run(Step step) throws InterruptedException {
			long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
			CountDownLatch finished = new CountDownLatch(concurrency);
			long start = System.nanoTime();
			for (int c = 0; c < concurrency; c++) {
				Thread client = new Thread(() -> {
					try {
						for (int i = next.getAndIncrement(); i < count
								&& System.nanoTime() < deadline; i = next.getAndIncrement()) {
							long t0 = System.nanoTime();
							boolean ok;
							try {
								ok = step.run(i);
							}
							catch (Exception ex) {
								ok = false;
							}
							nanos[i] = System.nanoTime() - t0;
							done.incrementAndGet();
							if (!ok) {
								errors.incrementAndGet();
							}
						}
					}
					finally {
						finished.countDown();
					}
				});
				client.start();
			}
			finished.await();
			wallSeconds = (System.nanoTime() - start) / 1e9;
		}

		void print() {
			int ops = done.get();
			long[] times = Arrays.copyOf(Arrays.stream(nanos).filter(n -> n > 0).toArray(), ops);
			Arrays.sort(times);
			double mean = Arrays.stream(times).average().orElse(0) / 1e6;
			System.out.println(String.format(Locale.ROOT,
					"{\"phase\":\"%s\",\"concurrency\":%d,\"ops\":%d,\"errors\":%d,\"wall_s\":%.2f,\"req_per_s\":%.1f,"
							+ "\"mean_ms\":%.2f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f}",
					name, concurrency, ops, errors.get(), wallSeconds, ops / wallSeconds, mean, pct(times, 0.50),
					pct(times, 0.90), pct(times, 0.99), times.length == 0 ? 0 : times[times.length - 1] / 1e6));
		}

		private static double pct(long[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
		}

	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 1; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

}
