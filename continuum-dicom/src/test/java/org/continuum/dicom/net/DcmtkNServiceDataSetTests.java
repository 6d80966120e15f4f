package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.InstanceFileWriter;
import org.continuum.dicom.net.service.MppsScu;
import org.continuum.dicom.net.service.PerformedProcedureStepStatus;
import org.continuum.dicom.net.service.ReferencedSop;
import org.continuum.dicom.net.service.StorageCommitmentScu;
import org.continuum.dicom.net.service.StoreRequest;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.TestScp;
import org.continuum.dicom.testing.TestWorklist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcmtk has no MPPS or storage commitment peer, so its {@code dcmdump} checks the data
 * sets our SCUs put on the wire: an SCP captures each N-CREATE, N-SET and N-ACTION data
 * set byte for byte into a Part 10 file, which dcmdump must read without an error or
 * warning.
 */
class DcmtkNServiceDataSetTests {

	@TempDir
	Path dir;

	/** Answers Success and keeps each request's data set exactly as received. */
	private final class Capture implements DimseService {

		@Override
		public Set<CommandField> commands() {
			return Set.of(CommandField.N_CREATE_RQ, CommandField.N_SET_RQ, CommandField.N_ACTION_RQ);
		}

		@Override
		public boolean supports(String abstractSyntax) {
			return abstractSyntax.equals(Uid.MODALITY_PERFORMED_PROCEDURE_STEP)
					|| abstractSyntax.equals(Uid.STORAGE_COMMITMENT_PUSH_MODEL);
		}

		@Override
		public List<String> transferSyntaxes(String abstractSyntax) {
			return List.of();
		}

		@Override
		public void onRequest(Association association, DimseMessage request) throws IOException {
			String sopClass = request.affectedSopClassUid() != null ? request.affectedSopClassUid()
					: request.requestedSopClassUid();
			String uid = request.affectedSopInstanceUid() != null ? request.affectedSopInstanceUid()
					: request.requestedSopInstanceUid();
			var raw = new StoreRequest(association.callingAeTitle(), association.calledAeTitle(), sopClass, uid,
					request.transferSyntax(), request.dataSet());
			InstanceFileWriter.write(raw, dir.resolve(request.commandField() + ".dcm"), false);
			association.send(request.contextId(), Commands.response(request.command(), 0, false), null);
		}

	}

	@Test
	void dcmdumpReadsTheMppsAndStorageCommitmentDataSetsWeSend() throws Exception {
		Attributes item = TestWorklist.worklistItem("Lemaire^Chloé", "CT", "20240301");
		item.setString(Tag.StudyInstanceUID, VR.UI, "2.25.100");
		Attributes series = new Attributes();
		series.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.101");
		series.newSequence(Tag.ReferencedImageSequence)
			.addItem()
			.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "2.25.102");
		LocalDateTime start = LocalDateTime.of(2024, 3, 1, 9, 30);
		try (var scp = new TestScp(AssociationSettings.defaults("CAPTURE"), new Capture());
				Association as = new AssociationRequest("CT01", "CAPTURE")
					.addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
					.addContext(Uid.STORAGE_COMMITMENT_PUSH_MODEL, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
					.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("CT01"))) {
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, "2.25.103",
						MppsScu.inProgress(item, "CT01", "PPS1", start))
				.status()).isZero();
			assertThat(as
				.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, "2.25.103",
						MppsScu.end(PerformedProcedureStepStatus.COMPLETED, start.plusMinutes(9), List.of(series)))
				.status()).isZero();
			StorageCommitmentScu.request(as, "2.25.104", List.of(new ReferencedSop(Uid.CT_IMAGE_STORAGE, "2.25.102")));
		}
		String create = dump("N_CREATE_RQ.dcm");
		assertThat(create).contains("(0040,0252) CS [IN PROGRESS]")
			.contains("(0010,0010) PN [Lemaire^Chloé]")
			.contains("(0040,0270) SQ")
			.contains("(0020,000d) UI [2.25.100]")
			.contains("(0040,0245) TM [093000]");
		assertThat(dump("N_SET_RQ.dcm")).contains("(0040,0252) CS [COMPLETED]")
			.contains("(0040,0251) TM [093900]")
			.contains("(0020,000e) UI [2.25.101]");
		assertThat(dump("N_ACTION_RQ.dcm")).contains("(0008,1195) UI [2.25.104]").contains("(0008,1155) UI [2.25.102]");
	}

	private String dump(String file) throws Exception {
		var result = Dcmtk.run(dir, "dcmdump", "-E", "+L", dir.resolve(file).toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).as(result.output()).doesNotContain("E: ").doesNotContain("W: ");
		return new String(java.nio.file.Files.readAllBytes(dir.resolve("dcmdump.log")),
				java.nio.charset.StandardCharsets.UTF_8);
	}

}
