package org.continuum.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.junit.jupiter.api.Test;

/** Attribute matching of PS3.4 §C.2.2.2, one kind per test. */
class KeyMatcherTests {

	private static Attributes candidate() {
		Attributes a = new Attributes();
		a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
		a.setString(Tag.PatientName, VR.PN, "Van Acker^Anaïs");
		a.setString(Tag.PatientID, VR.LO, "MRN123");
		a.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
		a.setString(Tag.StudyDate, VR.DA, "20230315");
		a.setString(Tag.StudyTime, VR.TM, "101530");
		a.setString(Tag.ModalitiesInStudy, VR.CS, "CT", "SR");
		return a;
	}

	private static boolean matches(int tag, VR vr, String... values) {
		Attributes keys = new Attributes();
		keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
		keys.setString(tag, vr, values);
		return KeyMatcher.matches(keys, candidate());
	}

	@Test
	void emptyKeysMatchUniversally() {
		assertThat(matches(Tag.PatientName, VR.PN)).isTrue();
		assertThat(matches(Tag.AccessionNumber, VR.SH)).isTrue();
	}

	@Test
	void singleValuesMatchExactly() {
		assertThat(matches(Tag.PatientID, VR.LO, "MRN123")).isTrue();
		assertThat(matches(Tag.PatientID, VR.LO, "MRN12")).isFalse();
		assertThat(matches(Tag.ModalitiesInStudy, VR.CS, "SR")).isTrue();
	}

	@Test
	void wildcardsMatchAndNamesIgnoreCase() {
		assertThat(matches(Tag.PatientName, VR.PN, "van acker*")).isTrue();
		assertThat(matches(Tag.PatientName, VR.PN, "Van Acker^Ana?s")).isTrue();
		assertThat(matches(Tag.PatientName, VR.PN, "Peeters*")).isFalse();
		assertThat(matches(Tag.PatientID, VR.LO, "mrn*")).isFalse();
		assertThat(matches(Tag.PatientID, VR.LO, "*")).isTrue();
	}

	@Test
	void uidListsMatchAnyListedUid() {
		assertThat(matches(Tag.StudyInstanceUID, VR.UI, "9.9", "1.2.3.4")).isTrue();
		assertThat(matches(Tag.StudyInstanceUID, VR.UI, "1.2.3")).isFalse();
	}

	@Test
	void dateAndTimeRangesMatchInclusively() {
		assertThat(matches(Tag.StudyDate, VR.DA, "20230315")).isTrue();
		assertThat(matches(Tag.StudyDate, VR.DA, "20230101-20230315")).isTrue();
		assertThat(matches(Tag.StudyDate, VR.DA, "20230316-")).isFalse();
		assertThat(matches(Tag.StudyDate, VR.DA, "-20230314")).isFalse();
		assertThat(matches(Tag.StudyTime, VR.TM, "1000-1100")).isTrue();
		assertThat(matches(Tag.StudyTime, VR.TM, "1016-")).isFalse();
	}

	@Test
	void projectsRequestedKeysWithEmptyValuesForMissingOnes() {
		Attributes keys = new Attributes();
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
		keys.setString(Tag.PatientName, VR.PN);
		keys.setString(Tag.AccessionNumber, VR.SH);
		Attributes projected = KeyMatcher.project(keys, candidate());
		assertThat(projected.getString(Tag.PatientName)).isEqualTo("Van Acker^Anaïs");
		assertThat(projected.contains(Tag.AccessionNumber)).isTrue();
		assertThat(projected.getString(Tag.AccessionNumber)).isNull();
		assertThat(projected.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
		assertThat(projected.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
		assertThat(projected.contains(Tag.PatientID)).isFalse();
	}

}
