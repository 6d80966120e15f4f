package org.continuum.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElementDictionaryTests {

	private final ElementDictionary dictionary = ElementDictionary.standard();

	@Test
	void holdsEveryStandardAttributeOfDcmtkDictionary() {
		assertThat(dictionary.size()).isGreaterThan(4900);
		assertThat(dictionary.vrOf(Tag.PatientName)).isEqualTo(VR.PN);
		assertThat(dictionary.entry(Tag.ImagePositionPatient).orElseThrow().vm()).isEqualTo("3");
		assertThat(dictionary.tagOf("StudyInstanceUID")).contains(Tag.StudyInstanceUID);
		assertThat(dictionary.keywordOf(0x00100010)).contains("PatientName");
	}

	@Test
	void resolvesRepeatingGroupsAndDerivedRules() {
		assertThat(dictionary.vrOf(0x60023000)).isEqualTo(VR.OW);
		assertThat(dictionary.keywordOf(0x60023000)).contains("OverlayData");
		assertThat(dictionary.vrOf(0x00290010)).isEqualTo(VR.LO);
		assertThat(dictionary.vrOf(0x00080000)).isEqualTo(VR.UL);
		assertThat(dictionary.vrOf(0x00291001)).isEqualTo(VR.UN);
	}

	@Test
	void marksRetiredAttributes() {
		assertThat(dictionary.entry(0x00080040).orElseThrow().retired()).isTrue();
	}

}
