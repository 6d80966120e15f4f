package org.continuum.dicom.net;

import org.jspecify.annotations.Nullable;

/**
 * DIMSE status codes (PS3.7 Annex C, including the DIMSE-N codes of §C.5, and the
 * service-specific codes of PS3.4 §B.2.3, §C.4.1.1.4, §C.4.2.1.5, §C.4.3.1.4). Statuses
 * travel as numbers; this enum names the ones the library produces or interprets.
 */
public enum Status {

	SUCCESS(0x0000), PENDING(0xFF00), PENDING_WITH_WARNINGS(0xFF01), CANCEL(0xFE00),
	SUBOPERATIONS_COMPLETE_WITH_FAILURES(0xB000), ELEMENTS_DISCARDED(0xB006),
	DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING(0xB007), REFUSED_OUT_OF_RESOURCES(0xA700),
	REFUSED_OUT_OF_RESOURCES_MATCHES(0xA701), REFUSED_OUT_OF_RESOURCES_SUBOPERATIONS(0xA702),
	MOVE_DESTINATION_UNKNOWN(0xA801), IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS(0xA900), CANNOT_UNDERSTAND(0xC000),
	UNABLE_TO_PROCESS(0xC001), DUPLICATE_SOP_INSTANCE(0x0111), PROCESSING_FAILURE(0x0110), NO_SUCH_SOP_CLASS(0x0118),
	SOP_CLASS_NOT_SUPPORTED(0x0122), UNRECOGNIZED_OPERATION(0x0211), MISTYPED_ARGUMENT(0x0212),
	ATTRIBUTE_LIST_ERROR(0x0107), ATTRIBUTE_VALUE_OUT_OF_RANGE(0x0116), NO_SUCH_ATTRIBUTE(0x0105),
	INVALID_ATTRIBUTE_VALUE(0x0106), NO_SUCH_SOP_INSTANCE(0x0112), NO_SUCH_EVENT_TYPE(0x0113), NO_SUCH_ARGUMENT(0x0114),
	INVALID_ARGUMENT_VALUE(0x0115), INVALID_OBJECT_INSTANCE(0x0117), CLASS_INSTANCE_CONFLICT(0x0119),
	MISSING_ATTRIBUTE(0x0120), MISSING_ATTRIBUTE_VALUE(0x0121), NO_SUCH_ACTION_TYPE(0x0123), NOT_AUTHORIZED(0x0124),
	DUPLICATE_INVOCATION(0x0210), RESOURCE_LIMITATION(0x0213);

	/** The status types of PS3.7 §C.1. */
	public enum Category {

		SUCCESS, PENDING, CANCEL, WARNING, FAILURE

	}

	private final int code;

	Status(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public Category category() {
		return categoryOf(code);
	}

	public static Category categoryOf(int code) {
		if (code == 0) {
			return Category.SUCCESS;
		}
		if (code == 0xFF00 || code == 0xFF01) {
			return Category.PENDING;
		}
		if (code == 0xFE00) {
			return Category.CANCEL;
		}
		if (code == 0x0001 || (code & 0xF000) == 0xB000 || code == 0x0107 || code == 0x0116) {
			return Category.WARNING;
		}
		return Category.FAILURE;
	}

	/** The named status for a code, or {@code null}. */
	public static @Nullable Status of(int code) {
		for (Status s : values()) {
			if (s.code == code) {
				return s;
			}
		}
		return null;
	}

}
