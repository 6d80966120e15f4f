package org.continuum.dicom.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.RemoteAe;
import org.continuum.dicom.net.service.CommitmentFailureReason;
import org.continuum.dicom.net.service.FailedSop;
import org.continuum.dicom.net.service.MppsScp;
import org.continuum.dicom.net.service.ReferencedSop;
import org.continuum.dicom.net.service.StorageCommitmentHandler;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.net.service.StorageCommitmentScp;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.Ports;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestMppsStore;
import org.continuum.dicom.testing.TestScp;
import org.continuum.dicom.tool.MainTests.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mppsscu} and {@code stgcmtscu} against our SCPs. */
class NServiceToolTests {

	@TempDir
	Path dir;

	@Test
	void mppsscuCreatesAStepFromWorklistKeysAndCompletesIt() throws Exception {
		var store = new TestMppsStore();
		try (var scp = new TestScp(AssociationSettings.defaults("RIS"), new MppsScp(store.handler))) {
			String port = Integer.toString(scp.port());
			Run run = MainTests.run("mppsscu", "--aet", "CT01", "--call", "RIS", "--port", port, "--uid", "2.25.77",
					"-k", "PatientName=Lemaire^Chloé", "-k", "PatientID=MRN-1", "-k", "AccessionNumber=ACC-9", "-k",
					"ScheduledProcedureStepSequence[0].Modality=CT", "--series", "2.25.78");
			assertThat(run.exitCode()).as(run.out()).isZero();
			assertThat(run.out()).contains("N-CREATE of 2.25.77: status 0x0000")
				.contains("N-SET COMPLETED of 2.25.77: status 0x0000");
			Attributes step = store.step("2.25.77");
			assertThat(step.getString(Tag.PerformedProcedureStepStatus)).isEqualTo("COMPLETED");
			assertThat(step.getString(Tag.PatientName)).isEqualTo("Lemaire^Chloé");
			assertThat(step.getString(Tag.Modality)).isEqualTo("CT");
			assertThat(step.getString(Tag.PerformedStationAETitle)).isEqualTo("CT01");
			assertThat(step.getSequence(Tag.ScheduledStepAttributesSequence).get(0).getString(Tag.AccessionNumber))
				.isEqualTo("ACC-9");
			assertThat(step.getSequence(Tag.PerformedSeriesSequence).get(0).getString(Tag.SeriesInstanceUID))
				.isEqualTo("2.25.78");

			Run again = MainTests.run("mppsscu", "--call", "RIS", "--port", port, "--uid", "2.25.77", "--set-only",
					"--final", "DISCONTINUED");
			assertThat(again.exitCode()).isEqualTo(Command.EXIT_STATUS);
			assertThat(again.out()).contains("status 0x0110").contains("may no longer be updated");
			assertThat(MainTests.run("mppsscu", "--port", port, "--final", "IN PROGRESS").exitCode())
				.isEqualTo(Command.EXIT_USAGE);
		}
	}

	@Test
	void stgcmtscuPrintsTheReportFromTheSameAssociationOrItsOwnListeningAe() throws Exception {
		Attributes held = TestData.ctImage(16, "Held^One");
		Attributes missing = TestData.ctImage(16, "Missing^Two");
		java.nio.file.Files.createDirectories(dir.resolve("files"));
		Part10Files.write(dir.resolve("files/a.dcm"), held, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		Part10Files.write(dir.resolve("files/b.dcm"), missing, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		Set<String> archive = Set.of(held.getString(Tag.SOPInstanceUID));
		StorageCommitmentHandler pacs = rq -> new StorageCommitmentResult(rq.transactionUid(),
				rq.references().stream().filter(r -> archive.contains(r.sopInstanceUid())).toList(),
				rq.references()
					.stream()
					.filter(r -> !archive.contains(r.sopInstanceUid()))
					.map(r -> new FailedSop(r, CommitmentFailureReason.NO_SUCH_OBJECT_INSTANCE))
					.toList());
		int listenPort = Ports.free();
		var settings = AssociationSettings.defaults("PACS")
			.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
			.withKnownPeers(Map.of("MODALITY", new RemoteAe("MODALITY", "127.0.0.1", listenPort)), true);
		try (var scp = new TestScp(settings, new StorageCommitmentScp(settings, pacs))) {
			String port = Integer.toString(scp.port());
			String files = dir.resolve("files").toString();
			Run same = MainTests.run("stgcmtscu", "--aet", "MODALITY", "--call", "PACS", "--port", port, "--tx",
					"2.25.90", files);
			assertThat(same.exitCode()).as(same.out()).isEqualTo(Command.EXIT_STATUS);
			assertThat(same.out()).contains("committed " + held.getString(Tag.SOPInstanceUID))
				.contains("failed " + missing.getString(Tag.SOPInstanceUID) + ": reason 0x0112")
				.contains("transaction 2.25.90: 1 committed, 1 failed");

			Run listening = MainTests.run("stgcmtscu", "--aet", "MODALITY", "--call", "PACS", "--port", port,
					"--listen", Integer.toString(listenPort), "--bind", "127.0.0.1", "--wait", "20",
					dir.resolve("files/a.dcm").toString());
			assertThat(listening.exitCode()).as(listening.out()).isZero();
			assertThat(listening.out()).contains("1 committed, 0 failed");
		}
	}

}
