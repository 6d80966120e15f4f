package continuum.lab.hl7;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import continuum.hl7.MllpClient;
import continuum.lab.hl7.simulator.SimulatedAnalyzer;
import continuum.lab.hl7.simulator.WorkOrder;
import continuum.platform.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The server killed (SIGKILL, with its database) after it committed an analyzer's results
 * and before the acknowledgement left: the analyzer, which got no answer, sends the same
 * message again after the restart and gets AA, and the results exist exactly once. The
 * moment is made wide with the fault-injection setting
 * {@code continuum.mllp.fault.ack-delay}.
 */
class LabKillTests {

	@TempDir
	Path temp;

	@Test
	void resultsCommittedBeforeAKillAreProcessedExactlyOnce() throws Exception {
		Path data = temp.resolve("data");
		int port = freePort();
		String accession;
		String message;
		try (ServerProcess server = ServerProcess.start(data,
				Map.of("CONTINUUM_MLLP_PORT", Integer.toString(port), "CONTINUUM_MLLP_ADDRESS", "127.0.0.1",
						"SPRING_APPLICATION_JSON", "{\"continuum.mllp.fault-ack-delay\":\"60s\"}"))) {
			long postgres = ServerProcess.postmasterPid(data);
			try (Connection db = ServerProcess.connect(data)) {
				accession = waitingSerumSpecimen(db);
				// Every answer waits a minute in this run, so the work order is read from
				// the
				// tables rather than asked for.
				try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", port, 3)) {
					message = analyzer.resultMessage(workOrder(db, accession), Map.of("1988-5", "4.4"));
				}
				String controlId = SimulatorFields.field(message, "MSH", 10);
				try (SimulatedAnalyzer impatient = new SimulatedAnalyzer("COBAS-PRO",
						MllpClient.connect("127.0.0.1", port, Duration.ofSeconds(5), Duration.ofSeconds(3)),
						new Random(4), Clock.systemUTC())) {
					assertThatThrownBy(() -> impatient.send(message)).isInstanceOf(SocketTimeoutException.class);
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> "processed".equals(state(db, controlId)));
			}
			server.killHard(postgres);
		}
		try (ServerProcess restarted = ServerProcess.start(data,
				Map.of("CONTINUUM_MLLP_PORT", Integer.toString(port), "CONTINUUM_MLLP_ADDRESS", "127.0.0.1"));
				SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", port, 5);
				Connection db = ServerProcess.connect(data)) {
			assertThat(SimulatedAnalyzer.ackCode(analyzer.send(message))).isEqualTo("AA");
			String controlId = SimulatorFields.field(message, "MSH", 10);
			assertThat(count(db, "select count(*) from hl7_message where control_id = ?", controlId)).isEqualTo(1);
			assertThat(count(db, "select count(*) from lab_result where accession = ?", accession)).isEqualTo(1);
			assertThat(count(db, """
					select count(*) from lab_result_version v join lab_result r on r.id = v.result_id
					where r.accession = ?""", accession)).as("stored once, never again").isEqualTo(1);
			assertThat(
					count(db, "select count(*) from lab_result where accession = ? and value_numeric = 4.4", accession))
				.isEqualTo(1);
		}
	}

	/**
	 * A demo specimen for a CRP that waits to be collected, marked received the way the
	 * reception desk would, so that the analyzer has work for it.
	 */
	private static String waitingSerumSpecimen(Connection db) throws Exception {
		try (PreparedStatement select = db.prepareStatement("""
				select s.accession from lab_specimen s
				join lab_specimen_item si on si.accession = s.accession
				join lab_order_item i on i.id = si.item_id and i.orderable_code = '1988-5'
				where s.status = 'ORDERED' order by s.accession limit 1""")) {
			ResultSet rs = select.executeQuery();
			assertThat(rs.next()).as("the demo has a CRP waiting to be collected").isTrue();
			String accession = rs.getString(1);
			try (PreparedStatement receive = db.prepareStatement("""
					update lab_specimen set status = 'RECEIVED', collected_by = 'nurse', collected_at = now(),
					       received_by = 'labtech', received_at = now(), condition = 'ACCEPTABLE'
					where accession = ?""")) {
				receive.setString(1, accession);
				receive.executeUpdate();
			}
			return accession;
		}
	}

	private static WorkOrder workOrder(Connection db, String accession) throws Exception {
		try (PreparedStatement select = db.prepareStatement("""
				select p.mrn, i.placer_number from lab_specimen s
				join lab_specimen_item si on si.accession = s.accession
				join lab_order_item i on i.id = si.item_id and i.orderable_code = '1988-5'
				join patient p on p.id = s.patient_id
				where s.accession = ?""")) {
			select.setString(1, accession);
			ResultSet rs = select.executeQuery();
			rs.next();
			return new WorkOrder(accession, rs.getString(1),
					java.util.List.of(new WorkOrder.Line(rs.getString(2), "1988-5")));
		}
	}

	private static String state(Connection db, String controlId) throws Exception {
		try (PreparedStatement select = db.prepareStatement("select state from hl7_message where control_id = ?")) {
			select.setString(1, controlId);
			ResultSet rs = select.executeQuery();
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private static int count(Connection db, String sql, String parameter) throws Exception {
		try (PreparedStatement select = db.prepareStatement(sql)) {
			select.setString(1, parameter);
			ResultSet rs = select.executeQuery();
			rs.next();
			return rs.getInt(1);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
