package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.service.FindHandler;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.net.service.KeyMatcher;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modality Worklist C-FIND (PS3.4 Annex K) from dcmtk findscu -W, with a sequence matching key. */
class DcmtkWorklistInteropTests {

    @TempDir
    Path dir;

    private static Attributes worklistItem(String name, String modality, String date) {
        Attributes item = new Attributes();
        item.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        item.setString(Tag.PatientName, VR.PN, name);
        item.setString(Tag.PatientID, VR.LO, "MRN-" + modality);
        item.setString(Tag.AccessionNumber, VR.SH, "ACC-" + modality);
        Attributes step = item.newSequence(Tag.ScheduledProcedureStepSequence).addItem();
        step.setString(Tag.Modality, VR.CS, modality);
        step.setString(Tag.ScheduledStationAETitle, VR.AE, modality + "01");
        step.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, date);
        return item;
    }

    /** Matches the top-level keys, then Modality and date inside the scheduled step (PS3.4 §C.2.2.2.6). */
    private static final FindHandler WORKLIST = request -> {
        Attributes keys = request.identifier();
        Sequence stepKeys = keys.getSequence(Tag.ScheduledProcedureStepSequence);
        List<Attributes> matches = new ArrayList<>();
        for (Attributes item : List.of(worklistItem("Lemaire^Chloé", "CT", "20240301"),
                worklistItem("Wouters^Bram", "MR", "20240302"))) {
            Attributes step = item.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
            boolean stepMatches = stepKeys == null || stepKeys.isEmpty() || KeyMatcher.matches(stepKeys.get(0), step);
            if (stepMatches && KeyMatcher.matches(keys, item)) {
                matches.add(KeyMatcher.project(keys, item));
            }
        }
        return matches.iterator();
    };

    @Test
    void dcmtkFindscuFetchesTheWorklistForOneModality() throws Exception {
        Path work = Files.createDirectories(dir.resolve("mwl"));
        try (var scp = new TestScp(AssociationSettings.defaults("RIS"), new FindScp(WORKLIST))) {
            var result = Dcmtk.run(work, "findscu", "-W", "-X", "-aet", "CT01", "-aec", "RIS",
                    "-k", "PatientName", "-k", "PatientID", "-k", "AccessionNumber",
                    "-k", "ScheduledProcedureStepSequence[0].Modality=CT",
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
