package org.continuum.dicom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;

/**
 * Random data sets — private elements of many VRs, nested sequences, even-length values —
 * survive a write and a read in every writable transfer syntax (PS3.5 §7, §A.5). Private
 * tags keep the property meaningful for Implicit VR, where the reader cannot know their
 * VR and reports UN.
 */
class CodecRoundTripProperties {

	private static final List<VR> VRS = List.of(VR.CS, VR.LO, VR.SH, VR.PN, VR.UI, VR.DA, VR.LT, VR.UT, VR.US, VR.SS,
			VR.UL, VR.SL, VR.FL, VR.FD, VR.OB, VR.OW, VR.UN);

	record Element(int element, VR vr, byte[] evenBytes, String text) {
	}

	@Provide
	Arbitrary<List<Element>> elements() {
		Arbitrary<Element> element = Combinators
			.combine(Arbitraries.integers().between(0x1000, 0x10FF), Arbitraries.of(VRS),
					Arbitraries.bytes()
						.array(byte[].class)
						.ofMaxSize(64)
						.map(b -> b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1)),
					Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ^").ofMaxLength(16))
			.as(Element::new);
		return element.list().ofMaxSize(20).uniqueElements(Element::element);
	}

	private static Attributes build(List<Element> elements, int depth) {
		Attributes ds = new Attributes();
		ds.setString(Tags.of(0x0011, 0x0010), VR.LO, "ROUNDTRIP");
		for (Element e : elements) {
			int tag = Tags.of(0x0011, e.element());
			VR vr = e.vr();
			if (vr.isString()) {
				ds.setString(tag, vr, e.text().strip());
			}
			else {
				byte[] value = e.evenBytes();
				int size = vr.valueSize();
				ds.setBytes(tag, vr, java.util.Arrays.copyOf(value, value.length - value.length % size));
			}
		}
		if (depth < 2 && !elements.isEmpty()) {
			ds.newSequence(Tags.of(0x0011, 0x1100)).add(build(elements.subList(0, elements.size() / 2), depth + 1));
		}
		return ds;
	}

	@Property(tries = 300)
	void randomDataSetsSurviveEveryWritableTransferSyntax(@ForAll("elements") List<Element> elements)
			throws IOException {
		Attributes ds = build(elements, 0);
		for (TransferSyntax ts : new TransferSyntax[] { TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN }) {
			var bytes = new ByteArrayOutputStream();
			try (var out = new DicomOutputStream(bytes)) {
				out.useTransferSyntax(ts.uid());
				out.writeDataset(ds);
			}
			try (var in = DicomInputStream.forDataset(new ByteArrayInputStream(bytes.toByteArray()), ts.uid())) {
				assertThat(in.readDataset()).as(ts.name()).isEqualTo(ds);
			}
		}
	}

}
