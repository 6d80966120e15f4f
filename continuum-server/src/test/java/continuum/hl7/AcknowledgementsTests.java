package continuum.hl7;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ORR_O02;
import ca.uhn.hl7v2.parser.PipeParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgements built from the MSH fields alone (HL7 v2.5.1 §2.14.1 MSA, §2.14.5 ERR),
 * and their MSA and ERR written into a handler's own reply.
 */
class AcknowledgementsTests {

	final Acknowledgements acks = new Acknowledgements(
			Clock.fixed(Instant.parse("2026-03-29T01:30:00Z"), ZoneId.of("Europe/Brussels")));

	static MshHeader msh(String text) {
		return MshHeader.read(text).orElseThrow();
	}

	@Test
	void answersTheSenderWithTheControlIdAndTheEvent() {
		String ack = acks.build(
				msh("MSH|^~\\&|AN^1^L|LAB|CONT|HOSP|20260101||ORU^R01^ORU_R01|MSG7|P|2.5.1||||||8859/1\r"), "AA", null);
		assertThat(ack.split("\r")).hasSize(2);
		assertThat(ack).startsWith("MSH|^~\\&|CONT|HOSP|AN^1^L|LAB|20260329033000.000+0200||ACK^R01^ACK|")
			.contains("|P|2.5.1||||||8859/1\r")
			.endsWith("\rMSA|AA|MSG7\r");
	}

	@Test
	void anErrorCarriesItsCodeLocationAndEscapedText() {
		String ack = acks.build(msh("MSH|^~\\&|AN|LAB|CONT|HOSP|20260101||ORU^R01|MSG8|T|2.5.1\r"), "AE",
				new AckError(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER, "Specimen S|1 ^unknown^",
						new ErrorLocation("OBR", 1, 3, 1), false));
		assertThat(ack).contains("|T|2.5.1\r")
			.contains("\rMSA|AE|MSG8|Specimen S\\F\\1 \\S\\unknown\\S\\\r")
			.endsWith(
					"\rERR||OBR^1^3^1^1|204^Unknown key identifier^HL70357|E||||Specimen S\\F\\1 \\S\\unknown\\S\\\r");
	}

	@Test
	void aHandlersReplyCarriesTheAcknowledgementsOwnMsaAndErr() throws Exception {
		ORR_O02 reply = new ORR_O02();
		reply.setParser(new PipeParser());
		reply.getMSH().getFieldSeparator().setValue("|");
		reply.getMSH().getEncodingCharacters().setValue("^~\\&");
		reply.getMSH().getMessageType().getMessageCode().setValue("ORR");
		reply.getMSH().getMessageType().getTriggerEvent().setValue("O02");
		reply.getMSA().getAcknowledgmentCode().setValue("AA");
		reply.getRESPONSE().getORDER().getORC().getOrderControl().setValue("UA");

		String er7 = acks.errorReply(msh("MSH|^~\\&|RIS|H|CONT|H|20260101||ORM^O01|M10|P|2.5.1\r"), "AE", new AckError(
				Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER, "no order 7", new ErrorLocation("ORC", 1, 2, 1), false), reply);

		assertThat(er7).startsWith("MSH|^~\\&|||||||ORR^O02")
			.contains("\rMSA|AE|M10|no order 7\r")
			.contains("\rERR||ORC^1^2^1^1|204^Unknown key identifier^HL70357|E||||no order 7\r")
			.contains("\rORC|UA");
	}

	@Test
	void aReplyWithoutMsaIsNotUsed() throws Exception {
		ADT_A01 reply = new ADT_A01();
		assertThat(acks.errorReply(msh("MSH|^~\\&|RIS|H|CONT|H|20260101||ORM^O01|M11|P|2.5.1\r"), "AE",
				new AckError(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, "x", null, false), reply))
			.isNull();
	}

	@Test
	void withoutAnyMshItStillAnswers() {
		String ack = acks.build(null, "AR",
				AckError.reject(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "no MSH", ErrorLocation.segment("MSH", 1)));
		assertThat(ack).startsWith("MSH|^~\\&|||||").contains("||ACK^^ACK|").contains("\rMSA|AR||no MSH\r");
	}

	@Test
	void fieldsOfAMessageWithOtherDelimitersLoseThem() {
		String ack = acks.build(msh("MSH#$%\\&#AN$X#LAB#CONT#HOSP#2026##ORU$R01#M|9#P#2.5.1\r"), "AR", null);
		assertThat(ack).startsWith("MSH|^~\\&|CONT|HOSP|AN$X|LAB|").contains("\rMSA|AR|M 9\r");
	}

	@Test
	void readsTheHeaderWithTheMessagesOwnDelimiters() {
		MshHeader header = msh(
				"MSH#$%\\&#AN$X#LAB#CONT#HOSP#2026##ORU$R01$ORU_R01#M9#P#2.5.1###AL#NE###UNICODE UTF-8\r");
		assertThat(header.type()).isEqualTo("ORU^R01");
		assertThat(header.controlId()).isEqualTo("M9");
		assertThat(header.enhancedMode()).isTrue();
		assertThat(header.acceptAckType()).isEqualTo("AL");
		assertThat(header.applicationAckType()).isEqualTo("NE");
		assertThat(header.standardEncoding()).isFalse();
		assertThat(MshHeader.charsetOf(header.charset())).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void enhancedModeRulesFollowTable0155() {
		assertThat(AcknowledgementRules.sends("AL", true)).isTrue();
		assertThat(AcknowledgementRules.sends("AL", false)).isTrue();
		assertThat(AcknowledgementRules.sends("NE", false)).isFalse();
		assertThat(AcknowledgementRules.sends("ER", true)).isFalse();
		assertThat(AcknowledgementRules.sends("ER", false)).isTrue();
		assertThat(AcknowledgementRules.sends("SU", true)).isTrue();
		assertThat(AcknowledgementRules.sends("SU", false)).isFalse();
		assertThat(AcknowledgementRules.sends("", false)).isTrue();
	}

}
