package org.continuum.dicom.net;

import org.jspecify.annotations.Nullable;

/**
 * Command Field (0000,0100) values of the DIMSE-C (PS3.7 §9.3) and DIMSE-N (PS3.7 §10.3)
 * messages.
 */
public enum CommandField {

	C_STORE_RQ(0x0001), C_STORE_RSP(0x8001), C_GET_RQ(0x0010), C_GET_RSP(0x8010), C_FIND_RQ(0x0020), C_FIND_RSP(0x8020),
	C_MOVE_RQ(0x0021), C_MOVE_RSP(0x8021), C_ECHO_RQ(0x0030), C_ECHO_RSP(0x8030), C_CANCEL_RQ(0x0FFF),
	N_EVENT_REPORT_RQ(0x0100), N_EVENT_REPORT_RSP(0x8100), N_GET_RQ(0x0110), N_GET_RSP(0x8110), N_SET_RQ(0x0120),
	N_SET_RSP(0x8120), N_ACTION_RQ(0x0130), N_ACTION_RSP(0x8130), N_CREATE_RQ(0x0140), N_CREATE_RSP(0x8140),
	N_DELETE_RQ(0x0150), N_DELETE_RSP(0x8150);

	private final int code;

	CommandField(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public boolean isRequest() {
		return (code & 0x8000) == 0;
	}

	/** A DIMSE-N command (PS3.7 §10), which has no Priority and no C-CANCEL. */
	public boolean isNormalized() {
		return (code & 0x0F00) != 0 && code != 0x0FFF;
	}

	/** The command for a code, or {@code null} if not a DIMSE command. */
	public static @Nullable CommandField of(int code) {
		for (CommandField f : values()) {
			if (f.code == code) {
				return f;
			}
		}
		return null;
	}

}
