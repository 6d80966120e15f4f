package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.pdu.AAssociateRj;
import org.continuum.dicom.net.pdu.UserIdentity;
import org.continuum.dicom.net.service.DirectoryStoreHandler;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.EchoScu;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.StoreScu;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our SCU against our SCP, in process (after dicom-rs's spawn_scp tests). */
class EchoStoreTests {

	@TempDir
	Path dir;

	private static final String LOCALHOST = "127.0.0.1";

	private static AssociationRequest echoAndCt() {
		return new AssociationRequest("TESTSCU", "TESTSCP")
			.addContext(Uid.VERIFICATION, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
			.addContext(Uid.CT_IMAGE_STORAGE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
	}

	@Test
	void echoesAndStoresAnInstanceThatReadsBackIdentically() throws Exception {
		var settings = AssociationSettings.defaults("TESTSCP");
		try (var scp = new TestScp(settings, new EchoScp(), new StoreScp(new DirectoryStoreHandler(dir, true)))) {
			Attributes ds = TestData.ctImage(512, "Lefèvre^Anaïs");
			try (Association as = echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU"))) {
				assertThat(EchoScu.echo(as)).isEqualTo(Status.SUCCESS.code());
				assertThat(StoreScu.store(as, ds)).isEqualTo(Status.SUCCESS.code());
			}
			Path file = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
			try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
				assertThat(dis.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
				assertThat(dis.readDataset()).isEqualTo(ds);
			}
		}
	}

	@Test
	void servesManyConcurrentAssociations() throws Exception {
		try (var scp = new TestScp(AssociationSettings.defaults("TESTSCP"), new EchoScp(),
				new StoreScp(new DirectoryStoreHandler(dir, false)))) {
			var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
			try {
				var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
				for (int i = 0; i < 16; i++) {
					futures.add(pool.submit(() -> {
						var rq = new AssociationRequest("SCU", "TESTSCP").addContext("1.2.840.10008.5.1.4.1.1.2.1",
								TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
						try (Association as = rq.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("SCU"))) {
							return StoreScu.store(as, TestData.multiFrame(8, 128));
						}
					}));
				}
				for (var f : futures) {
					assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isZero();
				}
			}
			finally {
				pool.shutdownNow();
			}
			try (var files = Files.list(dir)) {
				assertThat(files.filter(p -> p.toString().endsWith(".dcm")).count()).isEqualTo(16);
			}
		}
	}

	@Test
	void answersUnsupportedSopClassesAndOperationsWithTheirStatuses() throws Exception {
		try (var scp = new TestScp(AssociationSettings.defaults("TESTSCP"), new EchoScp())) {
			try (Association as = echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU"))) {
				int pc = as.acceptedContext(Uid.VERIFICATION).id();
				int id = as.nextMessageId();
				as.send(pc, Commands.request(CommandField.C_STORE_RQ, id, Uid.VERIFICATION, false), null);
				assertThat(as.receiveResponse(id).status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED.code());
				Attributes nAction = Commands.request(CommandField.C_ECHO_RQ, as.nextMessageId(), Uid.VERIFICATION,
						false);
				nAction.setInt(Tag.CommandField, org.continuum.dicom.data.VR.US, 0x0130);
				as.send(pc, nAction, null);
				assertThat(as.receive().status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED.code());
				Attributes unknown = Commands.request(CommandField.C_ECHO_RQ, as.nextMessageId(), Uid.VERIFICATION,
						false);
				unknown.setInt(Tag.CommandField, org.continuum.dicom.data.VR.US, 0x0FF1);
				as.send(pc, unknown, null);
				assertThat(as.receive().status()).isEqualTo(Status.UNRECOGNIZED_OPERATION.code());
				assertThat(EchoScu.echo(as)).isZero();
			}
		}
	}

	@Test
	void answersAFailingHandlerWithAStatusAndKeepsTheAssociation() throws Exception {
		StoreScp failing = new StoreScp(request -> {
			if (request.sopInstanceUid().endsWith("1")) {
				throw new IllegalStateException("index down\\retry\nlater");
			}
			throw new java.io.IOException("disk full");
		});
		try (var scp = new TestScp(AssociationSettings.defaults("TESTSCP"), new EchoScp(), failing)) {
			try (Association as = echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU"))) {
				int pc = as.acceptedContext(Uid.CT_IMAGE_STORAGE).id();
				int id = as.nextMessageId();
				Attributes rq = Commands.request(CommandField.C_STORE_RQ, id, Uid.CT_IMAGE_STORAGE, true);
				rq.setString(Tag.AffectedSOPInstanceUID, org.continuum.dicom.data.VR.UI, "1.2.3.1");
				as.send(pc, rq, out -> out.write(new byte[] { 0x08, 0x00, 0x18, 0x00, 'U', 'I', 0, 0 }));
				DimseMessage rsp = as.receiveResponse(id);
				assertThat(rsp.status()).isEqualTo(Status.PROCESSING_FAILURE.code());
				assertThat(rsp.command().getString(Tag.ErrorComment)).doesNotContain("\\")
					.doesNotContain("\n")
					.hasSizeLessThanOrEqualTo(64);
				Attributes second = TestData.ctImage(16, "C^D");
				second.setString(Tag.SOPInstanceUID, org.continuum.dicom.data.VR.UI, "1.2.3.2");
				assertThat(StoreScu.store(as, second)).isEqualTo(Status.REFUSED_OUT_OF_RESOURCES.code());
				assertThat(EchoScu.echo(as)).isZero();
			}
		}
	}

	@Test
	void fragmentsToASmallPeerMaximumPduLength() throws Exception {
		try (var scp = new TestScp(AssociationSettings.defaults("TESTSCP").withMaxPduLength(4096),
				new StoreScp(new DirectoryStoreHandler(dir, false)))) {
			Attributes ds = TestData.ctImage(128, "Peeters^Jan");
			try (Association as = echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU"))) {
				assertThat(as.acceptedContext(Uid.VERIFICATION)).isNull();
				assertThat(StoreScu.store(as, ds)).isEqualTo(Status.SUCCESS.code());
			}
			assertThat(dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm")).exists();
		}
	}

	@Test
	void rejectsUnknownCallingAeAndWrongCalledAe() throws Exception {
		var settings = AssociationSettings.defaults("TESTSCP")
			.withCalledAeTitleCheck(true)
			.withKnownPeers(java.util.Map.of("KNOWN", new RemoteAe("KNOWN", LOCALHOST, 1)), false);
		try (var scp = new TestScp(settings, new EchoScp())) {
			assertThatThrownBy(() -> echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("X")))
				.isInstanceOfSatisfying(AssociationRejectedException.class, e -> assertThat(e.rejection().reason())
					.isEqualTo(AAssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED));
			var wrongCalled = new AssociationRequest("KNOWN", "OTHER").addContext(Uid.VERIFICATION,
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			assertThatThrownBy(() -> wrongCalled.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("KNOWN")))
				.isInstanceOfSatisfying(AssociationRejectedException.class, e -> assertThat(e.rejection().reason())
					.isEqualTo(AAssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED));
			var known = new AssociationRequest("KNOWN", "TESTSCP").addContext(Uid.VERIFICATION,
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			try (Association as = known.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("KNOWN"))) {
				assertThat(EchoScu.echo(as)).isZero();
			}
		}
	}

	@Test
	void asksALiveCallingAeCheckAtEachAssociation() throws Exception {
		var allowed = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
		var settings = AssociationSettings.defaults("TESTSCP").withCallingAeCheck(allowed::contains);
		try (var scp = new TestScp(settings, new EchoScp())) {
			var late = new AssociationRequest("LATE", "TESTSCP").addContext(Uid.VERIFICATION,
					TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
			assertThatThrownBy(() -> late.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("LATE")))
				.isInstanceOfSatisfying(AssociationRejectedException.class, e -> assertThat(e.rejection().reason())
					.isEqualTo(AAssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED));
			allowed.add("LATE");
			try (Association as = late.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("LATE"))) {
				assertThat(EchoScu.echo(as)).isZero();
			}
		}
	}

	@Test
	void checksUserIdentityAndAnswersTheAsyncWindowWithOne() throws Exception {
		var settings = AssociationSettings.defaults("TESTSCP")
			.withUserIdentityVerifier((user, pass) -> user.equals("radiographer") && pass.equals("s3cret"));
		try (var scp = new TestScp(settings, new EchoScp())) {
			var good = echoAndCt().proposeAsyncWindow()
				.userIdentity(UserIdentity.usernameAndPasscode("radiographer", "s3cret", true));
			try (Association as = good.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU"))) {
				assertThat(as.acceptance().userInformation().maxOperationsInvoked()).isEqualTo(1);
				assertThat(as.acceptance().userInformation().userIdentityServerResponse()).isEmpty();
				assertThat(EchoScu.echo(as)).isZero();
			}
			var bad = echoAndCt().userIdentity(UserIdentity.usernameAndPasscode("radiographer", "wrong", false));
			assertThatThrownBy(() -> bad.connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU")))
				.isInstanceOf(AssociationRejectedException.class);
			assertThatThrownBy(
					() -> echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("TESTSCU")))
				.isInstanceOf(AssociationRejectedException.class);
		}
	}

	@Test
	void refusesWithLocalLimitExceededWhenAllSlotsAreBusy() throws Exception {
		try (var scp = new TestScp(AssociationSettings.defaults("TESTSCP").withMaxAssociations(1), new EchoScp())) {
			try (Association first = echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("A"))) {
				assertThatThrownBy(() -> echoAndCt().connect(LOCALHOST, scp.port(), AssociationSettings.defaults("B")))
					.isInstanceOfSatisfying(AssociationRejectedException.class, e -> {
						assertThat(e.rejection().permanent()).isFalse();
						assertThat(e.rejection().reason()).isEqualTo(AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED);
					});
				assertThat(EchoScu.echo(first)).isZero();
			}
		}
	}

}
