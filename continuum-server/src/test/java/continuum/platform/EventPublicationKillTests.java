package continuum.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener in another module ({@link EventProbe}, an
 * {@code @ApplicationModuleListener}) cut off twice after a merge committed: the whole
 * server is killed (SIGKILL, with its database) while the listener handles the merge's
 * {@code PatientsMerged}, and at the next start the republished event makes the listener
 * throw. Each time the publication, committed with the merge, stays incomplete in
 * {@code event_publication}; the next start republishes it, the listener gets it once and
 * returns, and the completed publication is deleted. The failure is logged without its
 * exception's message.
 */
class EventPublicationKillTests {

	private static final Map<String, String> PROBE = Map.of("SPRING_MAIN_SOURCES", EventProbe.class.getName());

	@TempDir
	Path temp;

	private record Publication(String listener, String event, boolean completed, String status) {
	}

	private static List<Publication> mergePublications(Connection db) throws Exception {
		try (PreparedStatement select = db.prepareStatement("""
				select listener_id, serialized_event, completion_date is not null, status
				from event_publication where event_type = 'continuum.patients.PatientsMerged'""")) {
			ResultSet rs = select.executeQuery();
			List<Publication> publications = new ArrayList<>();
			while (rs.next()) {
				publications.add(new Publication(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
			}
			return publications;
		}
	}

	private static Map<String, String> probe(String mode) {
		Map<String, String> environment = new HashMap<>(PROBE);
		if (mode != null) {
			environment.put("CONTINUUM_EVENT_PROBE_" + mode, "true");
		}
		return environment;
	}

	private static int occurrences(String text, String line) {
		Matcher matcher = Pattern.compile(Pattern.quote(line)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	@Test
	void aPublicationCutOffByAKillOrAFailureIsDeliveredAgainAtTheNextStart() throws Exception {
		Path data = temp.resolve("data");
		String duplicate = mergeAndKillWhileListening(data);
		String received = "Event probe received PatientsMerged duplicate=" + duplicate + " ";

		// Restarted, the listener gets the event again and fails: it stays incomplete.
		try (ServerProcess failing = ServerProcess.start(data, probe("FAIL"));
				Connection db = ServerProcess.connect(data)) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> failing.log().contains(EventProbe.class.getName() + ".on failed"));
			assertThat(occurrences(failing.log(), received)).isEqualTo(1);
			assertThat(failing.log()).doesNotContain(EventProbe.FAILURE).doesNotContain("Peeters");
			assertThat(mergePublications(db)).singleElement().satisfies(publication -> {
				assertThat(publication.completed()).isFalse();
				assertThat(publication.status()).isEqualTo("FAILED");
			});
		}

		// Restarted again, the listener gets it once more and returns: done, and deleted.
		try (ServerProcess restarted = ServerProcess.start(data, probe(null));
				Connection db = ServerProcess.connect(data)) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> restarted.log()
					.contains("Event probe completed PatientsMerged duplicate=" + duplicate + "\n")
						&& mergePublications(db).isEmpty());
			assertThat(occurrences(restarted.log(), received)).isEqualTo(1);
		}
	}

	/**
	 * Merges two demo patients while the probe holds every event it gets, waits until it
	 * holds the merge's, checks its publication, and kills the server and its database.
	 * Answers the duplicate's id.
	 */
	private static String mergeAndKillWhileListening(Path data) throws Exception {
		try (ServerProcess server = ServerProcess.start(data, probe("HOLD"))) {
			long postgres = ServerProcess.postmasterPid(data);
			IGenericClient physician = FhirTestSupport.client(server.port(), "physician");
			List<String> ids = physician.search()
				.forResource(Patient.class)
				.count(2)
				.returnBundle(Bundle.class)
				.execute()
				.getEntry()
				.stream()
				.map(e -> e.getResource().getIdElement().getIdPart())
				.toList();
			String duplicate = ids.get(0);
			Parameters input = new Parameters();
			input.addParameter().setName("source-patient").setValue(new Reference("Patient/" + duplicate));
			input.addParameter().setName("target-patient").setValue(new Reference("Patient/" + ids.get(1)));
			physician.operation().onType(Patient.class).named("$merge").withParameters(input).execute();

			await().atMost(Duration.ofSeconds(60))
				.until(() -> server.log().contains("Event probe received PatientsMerged duplicate=" + duplicate + " "));
			try (Connection db = ServerProcess.connect(data)) {
				assertThat(mergePublications(db)).singleElement().satisfies(publication -> {
					assertThat(publication.listener()).contains(EventProbe.class.getName());
					assertThat(publication.event())
						.containsPattern("\"duplicate\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*" + duplicate + "\\s*}");
					assertThat(publication.completed()).isFalse();
				});
			}
			server.killHard(postgres);
			return duplicate;
		}
	}

}
