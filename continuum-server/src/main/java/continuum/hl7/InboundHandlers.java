package continuum.hl7;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every module's {@link InboundHandler} by the message type it takes; two handlers for
 * one type stop the start, since which one runs would be an accident.
 */
@Component
class InboundHandlers {

	private final Map<String, InboundHandler> byType = new HashMap<>();

	InboundHandlers(List<InboundHandler> handlers) {
		for (InboundHandler handler : handlers) {
			for (String type : handler.messageTypes()) {
				InboundHandler previous = byType.put(type, handler);
				if (previous != null) {
					throw new IllegalStateException("Two handlers take HL7 messages of type " + type + ": "
							+ previous.getClass().getName() + " and " + handler.getClass().getName());
				}
			}
		}
	}

	@Nullable InboundHandler forType(String type) {
		return byType.get(type);
	}

	/**
	 * Why no handler takes this type: 201 (unsupported event code) when the message code
	 * is taken with another event, 200 (unsupported message type) otherwise.
	 */
	AckError unsupported(String type) {
		String code = type.contains("^") ? type.substring(0, type.indexOf('^')) : type;
		boolean codeKnown = byType.keySet().stream().anyMatch(t -> t.startsWith(code + "^"));
		return codeKnown
				? AckError.reject(Hl7ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH-9: event " + type + " is not supported",
						new ErrorLocation("MSH", 1, 9, 2))
				: AckError.reject(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
						"MSH-9: message type " + code + " is not supported", new ErrorLocation("MSH", 1, 9, 1));
	}

}
