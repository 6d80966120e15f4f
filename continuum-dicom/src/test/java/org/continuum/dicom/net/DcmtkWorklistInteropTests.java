package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.TestScp;
import org.continuum.dicom.testing.TestWorklist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modality Worklist C-FIND (PS3.4 Annex K) from dcmtk findscu -W, with a sequence
 * matching key.
 */
class DcmtkWorklistInteropTests {

	@TempDir
	Path dir;

	@Test
	void dcmtkFindscuFetchesTheWorklistForOneModality() throws Exception {
		Path work = Files.createDirectories(dir.resolve("mwl"));
		try (var scp = new TestScp(AssociationSettings.defaults("RIS"), new FindScp(TestWorklist.HANDLER))) {
			var result = Dcmtk.run(work, "findscu", "-W", "-X", "-aet", "CT01", "-aec", "RIS", "-k", "PatientName",
					"-k", "PatientID", "-k", "AccessionNumber", "-k", "ScheduledProcedureStepSequence[0].Modality=CT",
					"-k", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20240301-20240331",
					"127.0.0.1", Integer.toString(scp.port()));
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
		try (Stream<Path> files = Files.list(work)) {
			List<Path> responses = files.filter(p -> p.getFileName().toString().startsWith("rsp")).toList();
			assertThat(responses).hasSize(1);
			Attributes rsp = Part10Files.read(responses.get(0));
			assertThat(rsp.getString(Tag.PatientName)).isEqualTo("Lemaire^Chloé");
			assertThat(rsp.getSequence(Tag.ScheduledProcedureStepSequence).get(0).getString(Tag.Modality))
				.isEqualTo("CT");
		}
	}

}
