package org.continuum.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The variable items of A-ASSOCIATE-RQ and -AC (PS3.8 §9.3.2–9.3.3) and their User
 * Information sub-items (PS3.8 Annex D, PS3.7 Annex D.3.3).
 */
final class AssociatePduCodec {

	private static final int APPLICATION_CONTEXT = 0x10;

	private static final int PRESENTATION_CONTEXT_RQ = 0x20;

	private static final int PRESENTATION_CONTEXT_AC = 0x21;

	private static final int ABSTRACT_SYNTAX = 0x30;

	private static final int TRANSFER_SYNTAX = 0x40;

	private static final int USER_INFORMATION = 0x50;

	private static final int MAX_LENGTH = 0x51;

	private static final int IMPLEMENTATION_CLASS_UID = 0x52;

	private static final int ASYNC_OPERATIONS_WINDOW = 0x53;

	private static final int ROLE_SELECTION = 0x54;

	private static final int IMPLEMENTATION_VERSION_NAME = 0x55;

	private static final int USER_IDENTITY_RQ = 0x58;

	private static final int USER_IDENTITY_AC = 0x59;

	private AssociatePduCodec() {
	}

	static Pdu decode(PduType type, ItemCursor c) throws PduFormatException {
		int version = c.u16();
		if ((version & 1) == 0) {
			throw new ProtocolVersionException(version);
		}
		c.skip(2);
		String called = c.ascii(16);
		String calling = c.ascii(16);
		c.skip(32);
		String applicationContext = null;
		List<PresentationContext> proposed = new ArrayList<>();
		List<PresentationContextResult> results = new ArrayList<>();
		UserInformation userInformation = null;
		while (c.hasMore()) {
			int itemType = c.u8();
			c.skip(1);
			ItemCursor item = c.sub(c.u16());
			if (itemType == APPLICATION_CONTEXT) {
				applicationContext = item.ascii(item.remaining());
			}
			else if (itemType == PRESENTATION_CONTEXT_RQ && type == PduType.A_ASSOCIATE_RQ) {
				proposed.add(decodeProposed(item));
			}
			else if (itemType == PRESENTATION_CONTEXT_AC && type == PduType.A_ASSOCIATE_AC) {
				results.add(decodeResult(item));
			}
			else if (itemType == USER_INFORMATION) {
				userInformation = decodeUserInformation(item);
			}
			else {
				// A known item in the wrong PDU is unexpected; an unknown item type is
				// unrecognized (PS3.8 §9.3.8).
				boolean known = itemType == PRESENTATION_CONTEXT_RQ || itemType == PRESENTATION_CONTEXT_AC;
				throw new PduFormatException(
						known ? AAbort.Reason.UNEXPECTED_PDU_PARAMETER : AAbort.Reason.UNRECOGNIZED_PDU_PARAMETER,
						"item type 0x" + Integer.toHexString(itemType) + " in " + type);
			}
		}
		if (applicationContext == null || userInformation == null) {
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
					type + " without application context or user information item");
		}
		return type == PduType.A_ASSOCIATE_RQ
				? new AAssociateRq(called, calling, applicationContext, proposed, userInformation)
				: new AAssociateAc(called, calling, applicationContext, results, userInformation);
	}

	private static PresentationContext decodeProposed(ItemCursor item) throws PduFormatException {
		int id = item.u8();
		item.skip(3);
		String abstractSyntax = null;
		List<String> transferSyntaxes = new ArrayList<>();
		while (item.hasMore()) {
			int subType = item.u8();
			item.skip(1);
			int length = item.u16();
			if (subType == ABSTRACT_SYNTAX) {
				abstractSyntax = item.ascii(length);
			}
			else if (subType == TRANSFER_SYNTAX) {
				transferSyntaxes.add(item.ascii(length));
			}
			else {
				throw new PduFormatException(AAbort.Reason.UNEXPECTED_PDU_PARAMETER,
						"sub-item 0x" + Integer.toHexString(subType) + " in presentation context " + id);
			}
		}
		if (abstractSyntax == null || transferSyntaxes.isEmpty() || (id & 1) == 0) {
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE, "presentation context " + id);
		}
		return new PresentationContext(id, abstractSyntax, transferSyntaxes);
	}

	private static PresentationContextResult decodeResult(ItemCursor item) throws PduFormatException {
		int id = item.u8();
		item.skip(1);
		var result = PresentationContextResult.Result.of(item.u8());
		item.skip(1);
		String transferSyntax = null;
		while (item.hasMore()) {
			int subType = item.u8();
			item.skip(1);
			int length = item.u16();
			if (subType == TRANSFER_SYNTAX) {
				transferSyntax = item.ascii(length);
			}
			else {
				item.skip(length);
			}
		}
		return new PresentationContextResult(id, result, transferSyntax);
	}

	private static UserInformation decodeUserInformation(ItemCursor item) throws PduFormatException {
		long maxLength = 0;
		String classUid = null;
		String versionName = null;
		int invoked = 0;
		int performed = 0;
		List<RoleSelection> roles = new ArrayList<>();
		UserIdentity identity = null;
		byte[] identityResponse = null;
		while (item.hasMore()) {
			int subType = item.u8();
			item.skip(1);
			ItemCursor sub = item.sub(item.u16());
			switch (subType) {
				case MAX_LENGTH:
					maxLength = sub.u32();
					break;
				case IMPLEMENTATION_CLASS_UID:
					classUid = sub.ascii(sub.remaining());
					break;
				case IMPLEMENTATION_VERSION_NAME:
					versionName = sub.ascii(sub.remaining());
					break;
				case ASYNC_OPERATIONS_WINDOW:
					invoked = sub.u16();
					performed = sub.u16();
					break;
				case ROLE_SELECTION: {
					String uid = sub.ascii(sub.u16());
					roles.add(new RoleSelection(uid, sub.u8() == 1, sub.u8() == 1));
					break;
				}
				case USER_IDENTITY_RQ: {
					var type = UserIdentity.Type.of(sub.u8());
					boolean response = sub.u8() == 1;
					byte[] primary = sub.bytes(sub.u16());
					byte[] secondary = sub.hasMore() ? sub.bytes(sub.u16()) : new byte[0];
					identity = new UserIdentity(type, response, primary, secondary);
					break;
				}
				case USER_IDENTITY_AC:
					identityResponse = sub.bytes(sub.u16());
					break;
				default:
					// SOP class (common) extended negotiation and unknown sub-items are
					// not used: ignored (PS3.7 §D.3.3).
					break;
			}
		}
		if (classUid == null) {
			classUid = "";
		}
		return new UserInformation(maxLength, classUid, versionName, invoked, performed, roles, identity,
				identityResponse);
	}

	static byte[] encode(Pdu pdu) {
		boolean rq = pdu instanceof AAssociateRq;
		String called = rq ? ((AAssociateRq) pdu).calledAeTitle() : ((AAssociateAc) pdu).calledAeTitle();
		String calling = rq ? ((AAssociateRq) pdu).callingAeTitle() : ((AAssociateAc) pdu).callingAeTitle();
		String context = rq ? ((AAssociateRq) pdu).applicationContext() : ((AAssociateAc) pdu).applicationContext();
		UserInformation ui = rq ? ((AAssociateRq) pdu).userInformation() : ((AAssociateAc) pdu).userInformation();
		var out = new ByteArrayOutputStream();
		u16(out, 1);
		u16(out, 0);
		out.writeBytes(aeTitle(called));
		out.writeBytes(aeTitle(calling));
		out.writeBytes(new byte[32]);
		item(out, APPLICATION_CONTEXT, ascii(context));
		if (rq) {
			for (PresentationContext pc : ((AAssociateRq) pdu).presentationContexts()) {
				var b = new ByteArrayOutputStream();
				b.writeBytes(new byte[] { (byte) pc.id(), 0, 0, 0 });
				item(b, ABSTRACT_SYNTAX, ascii(pc.abstractSyntax()));
				for (String ts : pc.transferSyntaxes()) {
					item(b, TRANSFER_SYNTAX, ascii(ts));
				}
				item(out, PRESENTATION_CONTEXT_RQ, b.toByteArray());
			}
		}
		else {
			for (PresentationContextResult pc : ((AAssociateAc) pdu).presentationContexts()) {
				var b = new ByteArrayOutputStream();
				b.writeBytes(new byte[] { (byte) pc.id(), 0, (byte) pc.result().code(), 0 });
				item(b, TRANSFER_SYNTAX, ascii(pc.transferSyntax() == null ? "" : pc.transferSyntax()));
				item(out, PRESENTATION_CONTEXT_AC, b.toByteArray());
			}
		}
		item(out, USER_INFORMATION, encodeUserInformation(ui));
		return out.toByteArray();
	}

	private static byte[] encodeUserInformation(UserInformation ui) {
		var b = new ByteArrayOutputStream();
		var max = new ByteArrayOutputStream();
		u16(max, (int) (ui.maxPduLength() >>> 16));
		u16(max, (int) ui.maxPduLength());
		item(b, MAX_LENGTH, max.toByteArray());
		item(b, IMPLEMENTATION_CLASS_UID, ascii(ui.implementationClassUid()));
		if (ui.asyncOperationsNegotiated()) {
			var w = new ByteArrayOutputStream();
			u16(w, ui.maxOperationsInvoked());
			u16(w, ui.maxOperationsPerformed());
			item(b, ASYNC_OPERATIONS_WINDOW, w.toByteArray());
		}
		for (RoleSelection role : ui.roleSelections()) {
			var r = new ByteArrayOutputStream();
			byte[] uid = ascii(role.sopClassUid());
			u16(r, uid.length);
			r.writeBytes(uid);
			r.write(role.scu() ? 1 : 0);
			r.write(role.scp() ? 1 : 0);
			item(b, ROLE_SELECTION, r.toByteArray());
		}
		if (ui.implementationVersionName() != null) {
			item(b, IMPLEMENTATION_VERSION_NAME, ascii(ui.implementationVersionName()));
		}
		if (ui.userIdentity() != null) {
			UserIdentity id = ui.userIdentity();
			var u = new ByteArrayOutputStream();
			u.write(id.type().code());
			u.write(id.positiveResponseRequested() ? 1 : 0);
			u16(u, id.primaryField().length);
			u.writeBytes(id.primaryField());
			u16(u, id.secondaryField().length);
			u.writeBytes(id.secondaryField());
			item(b, USER_IDENTITY_RQ, u.toByteArray());
		}
		if (ui.userIdentityServerResponse() != null) {
			var u = new ByteArrayOutputStream();
			u16(u, ui.userIdentityServerResponse().length);
			u.writeBytes(ui.userIdentityServerResponse());
			item(b, USER_IDENTITY_AC, u.toByteArray());
		}
		return b.toByteArray();
	}

	private static void item(ByteArrayOutputStream out, int type, byte[] value) {
		out.write(type);
		out.write(0);
		u16(out, value.length);
		out.writeBytes(value);
	}

	private static void u16(ByteArrayOutputStream out, int v) {
		out.write(v >>> 8);
		out.write(v);
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] aeTitle(String ae) {
		byte[] b = new byte[16];
		java.util.Arrays.fill(b, (byte) ' ');
		byte[] a = ascii(ae);
		System.arraycopy(a, 0, b, 0, Math.min(16, a.length));
		return b;
	}

}
