package org.continuum.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AttributesTests {

	@Test
	void encodesLatin1NamesWithIsoIr100() {
		Attributes ds = new Attributes();
		ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
		ds.setString(Tag.PatientName, VR.PN, "Dubois-Lefèvre^Anaïs");
		assertThat(ds.getBytes(Tag.PatientName))
			.isEqualTo("Dubois-Lefèvre^Anaïs".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(ds.getPersonName(Tag.PatientName).givenName()).isEqualTo("Anaïs");
	}

	@Test
	void encodesUtf8NamesWithIsoIr192AndPadsToEvenLength() {
		Attributes ds = new Attributes();
		ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		ds.setString(Tag.PatientName, VR.PN, "Çelik^Zoë");
		byte[] raw = ds.getBytes(Tag.PatientName);
		assertThat(raw.length % 2).isZero();
		assertThat(ds.getString(Tag.PatientName)).isEqualTo("Çelik^Zoë");
	}

	@Test
	void sequenceItemsInheritTheCharacterSet() {
		Attributes ds = new Attributes();
		ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
		Attributes item = ds.newSequence(Tag.OtherPatientIDsSequence).addItem();
		item.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
		assertThat(item.getBytes(Tag.PatientName)[1]).isEqualTo((byte) 0xFC);
		assertThat(item.getString(Tag.PatientName)).isEqualTo("Müller^Jürgen");
	}

	@Test
	void splitsMultipleValuesButNotText() {
		Attributes ds = new Attributes();
		ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
		ds.setString(Tag.ImageComments, VR.LT, "a\\b ");
		assertThat(ds.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
		assertThat(ds.getStrings(Tag.ImageComments)).containsExactly("a\\b");
	}

	@Test
	void readsAndWritesBinaryNumbers() {
		Attributes ds = new Attributes();
		ds.setInt(Tag.Rows, VR.US, 512);
		ds.setInt(Tag.PixelPaddingValue, VR.SS, -2000);
		ds.setInt(Tag.SeriesNumber, VR.IS, 7);
		ds.setDouble(Tag.ImagePositionPatient, VR.FD, 1.5, -2.25, 3);
		ds.setInt(Tag.OffendingElement, VR.AT, Tag.PatientID);
		assertThat(ds.getInt(Tag.Rows, 0)).isEqualTo(512);
		assertThat(ds.getInt(Tag.PixelPaddingValue, 0)).isEqualTo(-2000);
		assertThat(ds.getInt(Tag.SeriesNumber, 0)).isEqualTo(7);
		assertThat(ds.getDoubles(Tag.ImagePositionPatient)).containsExactly(1.5, -2.25, 3.0);
		assertThat(ds.getBytes(Tag.OffendingElement)).containsExactly(0x10, 0x00, 0x20, 0x00);
		assertThat(ds.getInt(Tag.OffendingElement, 0)).isEqualTo(Tag.PatientID);
	}

	@Test
	void keepsElementsInTagOrderWithHighGroupsLast() {
		Attributes ds = new Attributes();
		ds.setBytes(Tag.PixelData, VR.OW, new byte[2]);
		ds.setString(Tags.of(0x0009, 0x0010), VR.LO, "X");
		ds.setString(Tag.PatientID, VR.LO, "1");
		assertThat(ds.elements()).extracting(DataElement::tag)
			.containsExactly(0x00090010, Tag.PatientID, Tag.PixelData);
	}

	@Test
	void parsesPersonNameComponents() {
		PersonName pn = PersonName.parse("Van den Bossche^Marie^Claire^Dr.^PhD=ideo=phon");
		assertThat(pn.familyName()).isEqualTo("Van den Bossche");
		assertThat(pn.middleName()).isEqualTo("Claire");
		assertThat(pn.prefix()).isEqualTo("Dr.");
		assertThat(pn.suffix()).isEqualTo("PhD");
		assertThat(pn.phonetic()).isEqualTo("phon");
		assertThat(PersonName.of("Peeters", "Jan").toString()).isEqualTo("Peeters^Jan");
	}

	@Test
	void parsesDatesTimesAndRanges() {
		assertThat(DateRange.parse("20230101-20230630").contains(LocalDate.of(2023, 3, 15))).isTrue();
		assertThat(DateRange.parse("-20221231").contains(LocalDate.of(2023, 1, 1))).isFalse();
		assertThat(DateRange.parse("20230101-").to()).isNull();
		assertThat(DateRange.parseDate("2023.03.15")).isEqualTo(LocalDate.of(2023, 3, 15));
		assertThat(DicomTime.parse("101530.25")).isEqualTo(LocalTime.of(10, 15, 30, 250_000_000));
		assertThat(DicomTime.parse("1015")).isEqualTo(LocalTime.of(10, 15));
		assertThatThrownBy(() -> DateRange.parseDate("2023-13-01")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void parsesDateTimesWithAndWithoutOffset() {
		assertThat(DicomDateTime.parse("20230315101530.5+0100")).isEqualTo(
				java.time.OffsetDateTime.of(2023, 3, 15, 10, 15, 30, 500_000_000, java.time.ZoneOffset.ofHours(1)));
		assertThat(DicomDateTime.parse("202303")).isEqualTo(java.time.LocalDateTime.of(2023, 3, 1, 0, 0));
		assertThat(DicomDateTime.parse("2023031510-0500"))
			.isEqualTo(java.time.OffsetDateTime.of(2023, 3, 15, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(-5)));
		assertThatThrownBy(() -> DicomDateTime.parse("20xx")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void findsAndReservesPrivateBlocksByCreator() {
		Attributes ds = new Attributes();
		ds.setString(Tags.of(0x0029, 0x0010), VR.LO, "SIEMENS CSA HEADER");
		int tag = PrivateTags.reserve(ds, 0x0029, "CONTINUUM", 0x01);
		assertThat(tag).isEqualTo(0x00291101);
		assertThat(ds.getString(0x00290011)).isEqualTo("CONTINUUM");
		assertThat(PrivateTags.find(ds, 0x0029, "CONTINUUM", 0x01)).isEqualTo(tag);
		assertThat(PrivateTags.find(ds, 0x0029, "SIEMENS CSA HEADER", 0x10)).isEqualTo(0x00291010);
		assertThat(PrivateTags.find(ds, 0x0029, "OTHER", 0x01)).isEqualTo(-1);
		assertThat(ElementDictionary.standard().vrOf(0x00290011)).isEqualTo(VR.LO);
	}

	@Test
	void generatesUidsUnderARoot() {
		String uuidUid = UidGenerator.uuidBased().next();
		String own = new UidGenerator("1.2.826.0.1.3680043.10.999").next();
		assertThat(uuidUid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64).matches("[0-9.]+");
		assertThat(own).startsWith("1.2.826.0.1.3680043.10.999.").hasSizeLessThanOrEqualTo(64);
		assertThat(UidGenerator.uuidBased().next()).isNotEqualTo(uuidUid);
	}

}
