package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.RetrieveResult;
import org.continuum.dicom.net.service.RetrieveScu;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.StoreScu;
import org.continuum.dicom.testing.Dcmtk;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.Ports;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SCUs against dcmtk's dcmqrscp: store, find, get and move (to our own storage SCP).
 */
class DcmqrscpInteropTests {

	private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

	@TempDir
	Path dir;

	@Test
	void ourScusStoreQueryGetAndMoveAgainstDcmqrscp() throws Exception {
		int qrPort = Ports.free();
		Path moved = dir.resolve("moved");
		try (var ourStorage = new TestScp(AssociationSettings.defaults("CONTINUUM"),
				new StoreScp(new DirectoryStoreHandler(moved, false)))) {
			Path db = Files.createDirectories(dir.resolve("db"));
			Path config = dir.resolve("dcmqrscp.cfg");
			Files.writeString(config,
					String.join("\n", "NetworkTCPPort  = " + qrPort, "MaxPDUSize      = 16384", "MaxAssociations = 16",
							"HostTable BEGIN", "continuum = (CONTINUUM, 127.0.0.1, " + ourStorage.port() + ")",
							"HostTable END", "VendorTable BEGIN", "VendorTable END", "AETable BEGIN",
							"DCMQR " + db + " RW (100, 1024mb) ANY", "AETable END", ""));
			// Fork mode: dcmtk 3.6.7's single-process mode (-s) segfaults when a
			// requestor closes the connection
			// right after A-RELEASE-RP, which PS3.8 §9.2 (AR-3) allows and we do.
			Process qr = Dcmtk.start(dir, "dcmqrscp", "-c", config.toString());
			try {
				Ports.awaitEcho(qr, qrPort, "DCMQR");
				List<Attributes> sent = storeStudy(qrPort);
				String study = sent.get(0).getString(Tag.StudyInstanceUID);

				var findRq = new AssociationRequest("CONTINUUM", "DCMQR").addContext(Uid.STUDY_ROOT_QR_FIND, EXPLICIT)
					.addContext(Uid.STUDY_ROOT_QR_MOVE, EXPLICIT)
					.addContext(Uid.STUDY_ROOT_QR_GET, EXPLICIT)
					.addContext(Uid.CT_IMAGE_STORAGE, EXPLICIT)
					.addRole(Uid.CT_IMAGE_STORAGE, false, true);
				try (Association as = findRq.connect("127.0.0.1", qrPort, AssociationSettings.defaults("CONTINUUM"))) {
					Attributes keys = new Attributes();
					keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
					keys.setString(Tag.StudyInstanceUID, VR.UI, "");
					keys.setString(Tag.PatientName, VR.PN, "Claes*");
					List<Attributes> studies = FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys);
					assertThat(studies).extracting(a -> a.getString(Tag.StudyInstanceUID)).containsExactly(study);

					Attributes retrieveKeys = new Attributes();
					retrieveKeys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
					retrieveKeys.setString(Tag.StudyInstanceUID, VR.UI, study);
					Path got = dir.resolve("got");
					RetrieveResult get = RetrieveScu.get(as, Uid.STUDY_ROOT_QR_GET, retrieveKeys,
							new DirectoryStoreHandler(got, false));
					assertThat(get.status()).isZero();
					assertThat(get.completed()).isEqualTo(sent.size());
					RetrieveResult move = RetrieveScu.move(as, Uid.STUDY_ROOT_QR_MOVE, retrieveKeys, "CONTINUUM");
					assertThat(move.status()).isZero();
					assertThat(move.completed()).isEqualTo(sent.size());
					for (Attributes ds : sent) {
						String name = ds.getString(Tag.SOPInstanceUID) + ".dcm";
						assertThat(Part10Files.read(got.resolve(name))).isEqualTo(ds);
						assertThat(Part10Files.read(moved.resolve(name))).isEqualTo(ds);
					}
				}
			}
			finally {
				qr.destroy();
			}
		}
	}

	private List<Attributes> storeStudy(int port) throws Exception {
		List<Attributes> sent = new ArrayList<>();
		var rq = new AssociationRequest("CONTINUUM", "DCMQR").addContext(Uid.CT_IMAGE_STORAGE, EXPLICIT);
		try (Association as = rq.connect("127.0.0.1", port, AssociationSettings.defaults("CONTINUUM"))) {
			String study = TestData.newUid();
			String series = TestData.newUid();
			for (int i = 1; i <= 3; i++) {
				Attributes ds = TestData.ctImage(64, "Claes^Émile", study, series, i);
				sent.add(ds);
				assertThat(StoreScu.store(as, ds)).isZero();
			}
		}
		return sent;
	}

}
