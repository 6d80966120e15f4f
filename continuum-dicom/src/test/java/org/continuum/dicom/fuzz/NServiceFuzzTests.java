package org.continuum.dicom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.service.MppsScp;
import org.continuum.dicom.net.service.StorageCommitmentScp;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.testing.TestMppsStore;
import org.continuum.dicom.testing.TestScp;

/**
 * Fuzzes the DIMSE-N services with random requests on a real association: any command
 * field, SOP class and instance, Event/Action Type ID, data set flag and data set bytes
 * (random, or a valid storage commitment request with random values). Each must end in a
 * response or an A-ABORT, never a hang, and the SCP must serve a new association
 * afterwards. Also: N-command sets survive encode and decode.
 */
class NServiceFuzzTests {

	private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

	private static TestScp scp;

	record Message(int commandField, String sopClass, String sopInstance, int typeId, boolean dataSet, byte[] data) {
	}

	@BeforeContainer
	static void startScp() throws IOException {
		var settings = AssociationSettings.defaults("FUZZ").withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
		scp = new TestScp(settings, new MppsScp(new TestMppsStore().handler), new StorageCommitmentScp(settings,
				request -> new StorageCommitmentResult(request.transactionUid(), request.references(), List.of())));
	}

	@AfterContainer
	static void stopScp() throws IOException {
		scp.close();
	}

	@Provide
	Arbitrary<Message> messages() {
		Arbitrary<Integer> fields = Arbitraries.oneOf(
				Arbitraries.of(0x0100, 0x0110, 0x0120, 0x0130, 0x0140, 0x0150, 0x8100, 0x8130, 0x0001),
				Arbitraries.integers().between(0, 0xFFFF));
		Arbitrary<String> sopClasses = Arbitraries.of(Uid.MODALITY_PERFORMED_PROCEDURE_STEP,
				Uid.STORAGE_COMMITMENT_PUSH_MODEL, "1.2.3.4", "");
		Arbitrary<String> instances = Arbitraries.of(Uid.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, "2.25.1", "", "x.y",
				"1".repeat(70));
		Arbitrary<byte[]> data = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
				Arbitraries.strings().ofMaxLength(70).map(NServiceFuzzTests::storageCommitmentRequest));
		return Combinators
			.combine(fields, sopClasses, instances, Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
					data)
			.as(Message::new);
	}

	/** A well-formed N-ACTION data set whose values are random text. */
	static byte[] storageCommitmentRequest(String value) {
		Attributes a = new Attributes();
		a.setString(Tag.TransactionUID, VR.UI, value);
		Attributes item = a.newSequence(Tag.ReferencedSOPSequence).addItem();
		item.setString(Tag.ReferencedSOPClassUID, VR.UI, value);
		item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, value);
		var out = new java.io.ByteArrayOutputStream();
		try {
			Commands.encodeDataSet(a, EXPLICIT, out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}

	@Property(tries = 150)
	void everyNRequestEndsInAResponseOrAnAbort(@ForAll("messages") Message m) throws IOException {
		var rq = new AssociationRequest("FUZZER", "FUZZ").addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, EXPLICIT)
			.addContext(Uid.STORAGE_COMMITMENT_PUSH_MODEL, EXPLICIT);
		var settings = AssociationSettings.defaults("FUZZER")
			.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
		try (Association as = rq.connect("127.0.0.1", scp.port(), settings)) {
			var pc = as.acceptedContext(m.sopClass().isEmpty() ? Uid.STORAGE_COMMITMENT_PUSH_MODEL : m.sopClass());
			Attributes cmd = new Attributes();
			cmd.setString(Tag.AffectedSOPClassUID, VR.UI, m.sopClass());
			cmd.setString(Tag.RequestedSOPClassUID, VR.UI, m.sopClass());
			cmd.setString(Tag.RequestedSOPInstanceUID, VR.UI, m.sopInstance());
			cmd.setString(Tag.AffectedSOPInstanceUID, VR.UI, m.sopInstance());
			cmd.setInt(Tag.CommandField, VR.US, m.commandField());
			cmd.setInt(Tag.MessageID, VR.US, 7);
			cmd.setInt(Tag.ActionTypeID, VR.US, m.typeId());
			cmd.setInt(Tag.CommandDataSetType, VR.US, m.dataSet() ? 0 : 0x0101);
			as.send(pc == null ? 1 : pc.id(), cmd, m.dataSet() ? out -> out.write(m.data()) : null);
			boolean expectsAnswer = (m.commandField() & 0x8000) == 0 && m.commandField() != 0x0FFF;
			if (expectsAnswer) {
				DimseMessage rsp = as.receive();
				assertThat(rsp).isNotNull();
				assertThat(rsp.commandField() == null || !rsp.commandField().isRequest()).isTrue();
				if (rsp.commandField() == CommandField.N_ACTION_RSP && rsp.status() == 0) {
					// An accepted storage commitment request: its report follows.
					DimseMessage report = as.receive();
					assertThat(report.commandField()).isEqualTo(CommandField.N_EVENT_REPORT_RQ);
				}
			}
		}
		catch (IOException abortedOrRejected) {
			assertThat(abortedOrRejected).isNotNull();
		}
		try (Association as = rq.connect("127.0.0.1", scp.port(), settings)) {
			assertThat(as.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, "2.25.9", new Attributes()).status()).isNotZero();
		}
	}

	@Property(tries = 300)
	void nCommandSetsSurviveEncodeAndDecode(@ForAll("nRequests") CommandField field, @ForAll("uids") String sopClass,
			@ForAll("uids") String sopInstance, @ForAll int typeId, @ForAll boolean dataSet) throws IOException {
		int type = typeId & 0xFFFF;
		Attributes cmd = Commands.nRequest(field, 3, sopClass, sopInstance, type, dataSet);
		Attributes back = Commands.decode(Commands.encode(cmd));
		var message = new DimseMessage(1, EXPLICIT, back, null);
		assertThat(message.commandField()).isEqualTo(field);
		assertThat(Commands.hasDataSet(back)).isEqualTo(dataSet);
		boolean affected = field == CommandField.N_CREATE_RQ || field == CommandField.N_EVENT_REPORT_RQ;
		assertThat(affected ? message.affectedSopClassUid() : message.requestedSopClassUid())
			.isEqualTo(sopClass.isEmpty() ? null : sopClass);
		assertThat(affected ? message.affectedSopInstanceUid() : message.requestedSopInstanceUid())
			.isEqualTo(sopInstance.isEmpty() ? null : sopInstance);
		if (field == CommandField.N_ACTION_RQ || field == CommandField.N_EVENT_REPORT_RQ) {
			assertThat(message.typeId()).isEqualTo(type);
		}
		Attributes rsp = Commands.response(back, 0x0112, false);
		assertThat(CommandField.of(rsp.getInt(Tag.CommandField, 0)).code()).isEqualTo(field.code() | 0x8000);
		assertThat(rsp.getString(Tag.AffectedSOPInstanceUID)).isEqualTo(sopInstance.isEmpty() ? null : sopInstance);
	}

	@Provide
	Arbitrary<CommandField> nRequests() {
		return Arbitraries.of(CommandField.N_CREATE_RQ, CommandField.N_SET_RQ, CommandField.N_GET_RQ,
				CommandField.N_ACTION_RQ, CommandField.N_EVENT_REPORT_RQ, CommandField.N_DELETE_RQ);
	}

	@Provide
	Arbitrary<String> uids() {
		return Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(64);
	}

}
