package org.continuum.dicom.testing;

import java.util.Random;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Fragments;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;

/**
 * Generated test instances: CT-like images, multi-frame, encapsulated, with private tags
 * and Latin-1 names.
 */
public final class TestData {

	public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

	public static final String SECONDARY_CAPTURE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";

	public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

	private static final UidGenerator UIDS = UidGenerator.uuidBased();

	private TestData() {
	}

	/**
	 * A CT image with {@code size}×{@code size} 16-bit pixels, a Latin-1 patient name and
	 * a private block.
	 */
	public static Attributes ctImage(int size, String patientName, String studyUid, String seriesUid, int number) {
		Attributes ds = new Attributes();
		ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
		ds.setString(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
		ds.setString(Tag.SOPInstanceUID, VR.UI, UIDS.next());
		ds.setString(Tag.StudyDate, VR.DA, "20230315");
		ds.setString(Tag.StudyTime, VR.TM, "101500");
		ds.setString(Tag.AccessionNumber, VR.SH, "ACC" + number);
		ds.setString(Tag.Modality, VR.CS, "CT");
		ds.setString(Tag.PatientName, VR.PN, patientName);
		ds.setString(Tag.PatientID, VR.LO, "PID0001");
		ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
		ds.setString(Tag.PatientSex, VR.CS, "F");
		ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
		ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
		ds.setString(Tag.StudyID, VR.SH, "1");
		ds.setInt(Tag.SeriesNumber, VR.IS, 1);
		ds.setInt(Tag.InstanceNumber, VR.IS, number);
		ds.setString(Tag.ImagePositionPatient, VR.DS, "0", "0", Integer.toString(number));
		ds.setString(Tags.of(0x0009, 0x0010), VR.LO, "CONTINUUM TEST");
		ds.setBytes(Tags.of(0x0009, 0x1001), VR.OB, new byte[] { 1, 2, 3, 4, 5, 6 });
		ds.setString(Tags.of(0x0009, 0x1002), VR.LO, "private text");
		var refs = ds.newSequence(Tag.ReferencedImageSequence);
		Attributes item = refs.addItem();
		item.setString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
		item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, UIDS.next());
		ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
		ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
		ds.setInt(Tag.Rows, VR.US, size);
		ds.setInt(Tag.Columns, VR.US, size);
		ds.setInt(Tag.BitsAllocated, VR.US, 16);
		ds.setInt(Tag.BitsStored, VR.US, 12);
		ds.setInt(Tag.HighBit, VR.US, 11);
		ds.setInt(Tag.PixelRepresentation, VR.US, 0);
		ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
		ds.setString(Tag.RescaleSlope, VR.DS, "1");
		ds.setBytes(Tag.PixelData, VR.OW, pixels(size * size * 2, number));
		return ds;
	}

	public static Attributes ctImage(int size, String patientName) {
		return ctImage(size, patientName, UIDS.next(), UIDS.next(), 1);
	}

	/** Secondary capture with encapsulated (fake JPEG) fragments. */
	public static Attributes encapsulated(int frames) {
		Attributes ds = ctImage(16, "Encapsulé^Test");
		ds.setString(Tag.SOPClassUID, VR.UI, SECONDARY_CAPTURE_STORAGE);
		ds.setInt(Tag.NumberOfFrames, VR.IS, frames);
		Fragments fragments = new Fragments();
		fragments.add(new byte[0]);
		for (int i = 0; i < frames; i++) {
			fragments.add(pixels(1000 + i * 2, i));
		}
		ds.setFragments(Tag.PixelData, VR.OB, fragments);
		return ds;
	}

	/**
	 * A native (uncompressed) multi-frame image: {@code frames} frames of
	 * {@code size}×{@code size} 16-bit pixels.
	 */
	public static Attributes multiFrame(int frames, int size) {
		Attributes ds = ctImage(size, "Multi^Frame");
		ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2.1");
		ds.setInt(Tag.NumberOfFrames, VR.IS, frames);
		ds.setBytes(Tag.PixelData, VR.OW, pixels(frames * size * size * 2, frames));
		return ds;
	}

	public static byte[] pixels(int length, int seed) {
		byte[] b = new byte[length];
		new Random(seed).nextBytes(b);
		return b;
	}

	public static String newUid() {
		return UIDS.next();
	}

}
