package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.GetScp;
import org.continuum.dicom.net.service.MoveScp;
import org.continuum.dicom.net.service.RetrieveResult;
import org.continuum.dicom.net.service.RetrieveScu;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.StoreScu;
import org.continuum.dicom.testing.Part10Files;
import org.continuum.dicom.testing.TestArchive;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-FIND, C-MOVE and C-GET between our SCU and our SCP, over instances stored through our
 * SCP.
 */
class QueryRetrieveTests {

	private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();

	private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

	@TempDir
	Path dir;

	Path archive;

	final List<Attributes> stored = new ArrayList<>();

	@BeforeEach
	void storeTwoStudies() throws Exception {
		archive = dir.resolve("archive");
		try (var scp = new TestScp(AssociationSettings.defaults("PACS"),
				new StoreScp(new DirectoryStoreHandler(archive, false)))) {
			var rq = new AssociationRequest("MODALITY", "PACS").addContext(Uid.CT_IMAGE_STORAGE, EXPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("MODALITY"))) {
				for (int study = 0; study < 2; study++) {
					String studyUid = TestData.newUid();
					String seriesUid = TestData.newUid();
					for (int i = 1; i <= 3; i++) {
						Attributes ds = TestData.ctImage(32, study == 0 ? "Lefèvre^Anaïs" : "Peeters^Jan", studyUid,
								seriesUid, i);
						ds.setString(Tag.PatientID, VR.LO, "PID" + study);
						ds.setString(Tag.StudyDate, VR.DA, study == 0 ? "20230315" : "20240101");
						stored.add(ds);
						assertThat(StoreScu.store(as, ds)).isZero();
					}
				}
			}
		}
	}

	private TestScp startQrScp(Map<String, RemoteAe> peers) throws Exception {
		var settings = AssociationSettings.defaults("PACS").withKnownPeers(peers, true);
		var archiveHandler = new TestArchive(archive);
		return new TestScp(settings, new EchoScp(), new FindScp(archiveHandler), new MoveScp(archiveHandler, settings),
				new GetScp(archiveHandler));
	}

	@Test
	void findsStudiesByWildcardNameAndDateRange() throws Exception {
		try (var scp = startQrScp(Map.of())) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_FIND, EXPLICIT, IMPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				Attributes keys = new Attributes();
				keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
				keys.setString(Tag.PatientName, VR.PN, "lef*");
				keys.setString(Tag.StudyInstanceUID, VR.UI, "");
				keys.setString(Tag.StudyDate, VR.DA, "20230101-20230630");
				List<Attributes> matches = FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys);
				assertThat(matches).hasSize(1);
				assertThat(matches.get(0).getString(Tag.PatientName)).isEqualTo("Lefèvre^Anaïs");
				assertThat(matches.get(0).getString(Tag.StudyInstanceUID))
					.isEqualTo(stored.get(0).getString(Tag.StudyInstanceUID));
				keys.setString(Tag.PatientName, VR.PN, "");
				keys.setString(Tag.StudyDate, VR.DA, "");
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
				keys.setString(Tag.SOPInstanceUID, VR.UI, "");
				assertThat(FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys)).hasSize(6);
			}
		}
	}

	@Test
	void answersMalformedAndOversizedIdentifiersWithCannotUnderstand() throws Exception {
		try (var scp = startQrScp(Map.of())) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_FIND, EXPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				int pc = as.acceptedContext(Uid.STUDY_ROOT_QR_FIND).id();
				byte[] garbage = { 0x10, 0x00, 0x10, 0x00, 'Z', 'Z', 2, 0, 'A', 'B' };
				byte[] huge = new byte[12 + (5 << 20)]; // (0009,1001) OB of 5 MiB: over
														// the 4 MiB identifier limit
				System.arraycopy(new byte[] { 0x09, 0x00, 0x01, 0x10, 'O', 'B', 0, 0, 0, 0, 0x50, 0 }, 0, huge, 0, 12);
				for (byte[] identifier : new byte[][] { garbage, huge }) {
					int id = as.nextMessageId();
					as.send(pc, Commands.request(CommandField.C_FIND_RQ, id, Uid.STUDY_ROOT_QR_FIND, true),
							out -> out.write(identifier));
					assertThat(as.receiveResponse(id).status()).isEqualTo(Status.CANNOT_UNDERSTAND.code());
				}
				Attributes noLevel = new Attributes();
				noLevel.setString(Tag.PatientName, VR.PN, "*");
				assertThat(FindScu.find(as, Uid.STUDY_ROOT_QR_FIND, noLevel, m -> true))
					.isEqualTo(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS.code());
				Attributes keys = new Attributes();
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
				assertThat(FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys)).hasSize(2);
			}
		}
	}

	@Test
	void answersAHandlerFailureWithUnableToProcessAfterTheMatchesSoFar() throws Exception {
		org.continuum.dicom.net.service.FindHandler failing = request -> new java.util.Iterator<>() {
			int calls;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Attributes next() {
				if (++calls > 2) {
					throw new IllegalStateException("index unavailable");
				}
				return KeyMatcherFixture.match(calls);
			}
		};
		try (var scp = new TestScp(AssociationSettings.defaults("PACS"), new FindScp(failing))) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_FIND, EXPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				Attributes keys = new Attributes();
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
				List<Attributes> seen = new ArrayList<>();
				int status = FindScu.find(as, Uid.STUDY_ROOT_QR_FIND, keys, seen::add);
				assertThat(status).isEqualTo(Status.UNABLE_TO_PROCESS.code());
				assertThat(seen).hasSize(2);
			}
		}
	}

	/** Builds simple study-level matches. */
	static final class KeyMatcherFixture {

		static Attributes match(int n) {
			Attributes a = new Attributes();
			a.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
			a.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3." + n);
			return a;
		}

	}

	@Test
	void cancelsAFindAfterTheFirstMatch() throws Exception {
		try (var scp = startQrScp(Map.of())) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_FIND, EXPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				Attributes keys = new Attributes();
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
				keys.setString(Tag.SOPInstanceUID, VR.UI, "");
				List<Attributes> seen = new ArrayList<>();
				int status = FindScu.find(as, Uid.STUDY_ROOT_QR_FIND, keys, m -> seen.add(m) && false);
				assertThat(status).isIn(Status.CANCEL.code(), Status.SUCCESS.code());
				assertThat(seen).hasSize(1);
				assertThat(FindScu.findAll(as, Uid.STUDY_ROOT_QR_FIND, keys)).hasSize(6);
			}
		}
	}

	@Test
	void getsAStudyBackElementForElement() throws Exception {
		Path got = dir.resolve("got");
		try (var scp = startQrScp(Map.of())) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_GET, EXPLICIT)
				.addContext(Uid.CT_IMAGE_STORAGE, EXPLICIT)
				.addRole(Uid.CT_IMAGE_STORAGE, false, true);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				Attributes keys = new Attributes();
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
				keys.setString(Tag.StudyInstanceUID, VR.UI, stored.get(0).getString(Tag.StudyInstanceUID));
				RetrieveResult result = RetrieveScu.get(as, Uid.STUDY_ROOT_QR_GET, keys,
						new DirectoryStoreHandler(got, false));
				assertThat(result.status()).isZero();
				assertThat(result.completed()).isEqualTo(3);
			}
		}
		for (Attributes ds : stored.subList(0, 3)) {
			assertThat(Part10Files.read(got.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm"))).isEqualTo(ds);
		}
	}

	@Test
	void convertsWhenTheMoveDestinationAcceptsOnlyImplicitVr() throws Exception {
		Path moved = dir.resolve("implicit-only");
		try (var destination = new TestScp(AssociationSettings.defaults("OLDPACS"),
				new StoreScp(new DirectoryStoreHandler(moved, false), List.of(IMPLICIT)));
				var scp = startQrScp(Map.of("OLDPACS", new RemoteAe("OLDPACS", "127.0.0.1", destination.port())))) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_MOVE, EXPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				Attributes keys = new Attributes();
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
				keys.setString(Tag.StudyInstanceUID, VR.UI, stored.get(0).getString(Tag.StudyInstanceUID));
				RetrieveResult result = RetrieveScu.move(as, Uid.STUDY_ROOT_QR_MOVE, keys, "OLDPACS");
				assertThat(result.status()).isZero();
				assertThat(result.completed()).isEqualTo(3);
			}
		}
		for (Attributes ds : stored.subList(0, 3)) {
			Path file = moved.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
			assertThat(Part10Files.transferSyntaxOf(file)).isEqualTo(IMPLICIT);
			assertThat(Part10Files.read(file)).isEqualTo(ds);
		}
	}

	@Test
	void movesAStudyToAKnownDestinationAndRefusesAnUnknownOne() throws Exception {
		Path moved = dir.resolve("moved");
		try (var destination = new TestScp(AssociationSettings.defaults("WORKSTATION"),
				new StoreScp(new DirectoryStoreHandler(moved, false)));
				var scp = startQrScp(
						Map.of("WORKSTATION", new RemoteAe("WORKSTATION", "127.0.0.1", destination.port())))) {
			var rq = new AssociationRequest("VIEWER", "PACS").addContext(Uid.STUDY_ROOT_QR_MOVE, EXPLICIT);
			try (Association as = rq.connect("127.0.0.1", scp.port(), AssociationSettings.defaults("VIEWER"))) {
				Attributes keys = new Attributes();
				keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
				keys.setString(Tag.StudyInstanceUID, VR.UI, stored.get(3).getString(Tag.StudyInstanceUID));
				RetrieveResult result = RetrieveScu.move(as, Uid.STUDY_ROOT_QR_MOVE, keys, "WORKSTATION");
				assertThat(result.status()).isZero();
				assertThat(result.completed()).isEqualTo(3);
				RetrieveResult unknown = RetrieveScu.move(as, Uid.STUDY_ROOT_QR_MOVE, keys, "NOBODY");
				assertThat(unknown.status()).isEqualTo(Status.MOVE_DESTINATION_UNKNOWN.code());
			}
		}
		try (var files = Files.list(moved)) {
			assertThat(files.count()).isEqualTo(3);
		}
		for (Attributes ds : stored.subList(3, 6)) {
			assertThat(Part10Files.read(moved.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm"))).isEqualTo(ds);
		}
	}

}
