package org.continuum.dicom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.pdu.PresentationContext;
import org.continuum.dicom.net.pdu.RoleSelection;
import org.continuum.dicom.net.pdu.UserIdentity;
import org.continuum.dicom.net.pdu.UserInformation;
import org.continuum.dicom.testing.TestData;

/**
 * Property-based fuzzing of the two parsers that face the network: PDUs (PS3.8 §9.3) and
 * data sets (PS3.5 §7). Inputs are valid encodings with bytes overwritten, inserted or
 * cut, and pure noise. The only acceptable outcomes are a decoded value or an
 * {@link IOException}; any other exception or error is a bug.
 */
class ParserFuzzTests {

	private static final byte[] VALID_RQ = encodedRequest();

	private static final byte[] VALID_DATASET = encodedDataset();

	private static byte[] encodedRequest() {
		var rq = new AAssociateRq("SCP", "SCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
				List.of(new PresentationContext(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")),
						new PresentationContext(3, "1.2.840.10008.5.1.4.1.1.2", List.of("1.2.840.10008.1.2.1"))),
				new UserInformation(16384, "1.2.3", "V", 1, 1, List.of(new RoleSelection("1.2.3", true, true)),
						UserIdentity.usernameAndPasscode("u", "p", true), null));
		var out = new ByteArrayOutputStream();
		try {
			new PduWriter(out).write(rq);
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		return out.toByteArray();
	}

	private static byte[] encodedDataset() {
		Attributes ds = TestData.encapsulated(2);
		var out = new ByteArrayOutputStream();
		try (var dos = new DicomOutputStream(out)) {
			dos.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			dos.writeDataset(ds);
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		return out.toByteArray();
	}

	@Provide
	Arbitrary<byte[]> mutatedRequests() {
		return mutations(VALID_RQ);
	}

	@Provide
	Arbitrary<byte[]> mutatedDatasets() {
		return mutations(VALID_DATASET);
	}

	private static Arbitrary<byte[]> mutations(byte[] valid) {
		Arbitrary<byte[]> overwritten = Arbitraries.integers()
			.between(0, valid.length - 1)
			.list()
			.ofMinSize(1)
			.ofMaxSize(8)
			.flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
				byte[] b = valid.clone();
				for (int i = 0; i < positions.size(); i++) {
					b[positions.get(i)] = values.get(i);
				}
				return b;
			}));
		Arbitrary<byte[]> truncated = Arbitraries.integers()
			.between(0, valid.length - 1)
			.map(n -> java.util.Arrays.copyOf(valid, n));
		Arbitrary<byte[]> lengthsBlown = Arbitraries.integers().between(0, valid.length - 4).map(pos -> {
			byte[] b = valid.clone();
			b[pos] = (byte) 0xFF;
			b[pos + 1] = (byte) 0xFF;
			b[pos + 2] = (byte) 0xFF;
			b[pos + 3] = (byte) 0x7F;
			return b;
		});
		Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
		return Arbitraries.oneOf(overwritten, truncated, lengthsBlown, noise);
	}

	@Property(tries = 3000)
	void pduReaderEitherDecodesOrThrowsIoException(@ForAll("mutatedRequests") byte[] input) {
		try {
			new PduReader(new ByteArrayInputStream(input), 16384).read();
		}
		catch (IOException expected) {
			assertThat(expected).isNotNull();
		}
	}

	@Property(tries = 3000)
	void datasetReaderEitherDecodesOrThrowsIoException(@ForAll("mutatedDatasets") byte[] input) {
		for (TransferSyntax ts : new TransferSyntax[] { TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
				TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN }) {
			try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(input), ts.uid())) {
				Attributes parsed = in.readDataset();
				assertThat(parsed).isNotNull();
			}
			catch (IOException expected) {
				assertThat(expected).isNotNull();
			}
		}
	}

	@Property(tries = 500)
	void datasetValuesSurviveARoundTrip(@ForAll("names") Tuple.Tuple2<String, String> name) throws IOException {
		Attributes ds = new Attributes();
		ds.setString(org.continuum.dicom.data.Tag.SpecificCharacterSet, org.continuum.dicom.data.VR.CS, "ISO_IR 192");
		ds.setString(org.continuum.dicom.data.Tag.PatientName, org.continuum.dicom.data.VR.PN,
				name.get1() + "^" + name.get2());
		var out = new ByteArrayOutputStream();
		try (var dos = new DicomOutputStream(out)) {
			dos.useTransferSyntax(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			dos.writeDataset(ds);
		}
		try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(out.toByteArray()),
				TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())) {
			assertThat(in.readDataset().getString(org.continuum.dicom.data.Tag.PatientName))
				.isEqualTo(name.get1() + "^" + name.get2());
		}
	}

	@Provide
	Arbitrary<Tuple.Tuple2<String, String>> names() {
		Arbitrary<String> part = Arbitraries.strings()
			.withChars("abcdefghijklmnopqrstuvwxyzéèëïöüçÉ-' ")
			.ofMinLength(1)
			.ofMaxLength(20)
			.map(String::strip)
			.filter(s -> !s.isEmpty());
		return net.jqwik.api.Combinators.combine(part, part).as(Tuple::of);
	}

}
