package continuum.fhir;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902) over Jackson's tree model: {@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy} and {@code test}, with JSON Pointers (RFC
 * 6901). A patch applies whole or not at all: it works on a copy, and the first operation
 * that cannot apply fails it. A document that is not a patch (not an array of operations,
 * an unknown {@code op}, a missing member, a malformed pointer, a key given twice) is
 * {@link Kind#MALFORMED}; a patch that does not apply to this document (a path that is
 * not there, a failed {@code test}) is {@link Kind#NOT_APPLICABLE}.
 */
public final class JsonPatch {

	/** Why a patch failed. */
	public enum Kind {

		MALFORMED, NOT_APPLICABLE

	}

	/** A patch that failed, with the index of its operation when one is to blame. */
	public static final class PatchException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final Kind kind;

		PatchException(Kind kind, String message) {
			super(message);
			this.kind = kind;
		}

		public Kind kind() {
			return kind;
		}

	}

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final List<Operation> operations;

	private record Operation(int index, String op, List<String> path, @Nullable List<String> from,
			@Nullable JsonNode value) {
	}

	private JsonPatch(List<Operation> operations) {
		this.operations = operations;
	}

	/** Reads a patch document. */
	public static JsonPatch parse(String document) {
		JsonNode tree;
		try {
			tree = MAPPER.readTree(document);
		}
		catch (RuntimeException ex) {
			throw new PatchException(Kind.MALFORMED,
					"The JSON Patch document is not valid JSON (or gives a key twice)");
		}
		return of(tree);
	}

	/** Reads a patch from its JSON tree. */
	public static JsonPatch of(JsonNode document) {
		if (document == null || !document.isArray()) {
			throw new PatchException(Kind.MALFORMED, "A JSON Patch document is an array of operations");
		}
		List<Operation> operations = new ArrayList<>();
		for (int i = 0; i < document.size(); i++) {
			JsonNode operation = document.get(i);
			if (!operation.isObject()) {
				throw malformed(i, "is not an object");
			}
			String op = text(operation, "op", i);
			List<String> path = pointer(text(operation, "path", i), i);
			List<String> from = null;
			JsonNode value = null;
			switch (op) {
				case "add", "replace", "test" -> {
					if (!operation.has("value")) {
						throw malformed(i, "(" + op + ") has no value");
					}
					value = operation.get("value");
				}
				case "move", "copy" -> from = pointer(text(operation, "from", i), i);
				case "remove" -> {
				}
				default -> throw malformed(i, "has an unknown op \"" + op + "\"");
			}
			operations.add(new Operation(i, op, path, from, value));
		}
		return new JsonPatch(operations);
	}

	/** The document with every operation applied; the document itself is not changed. */
	public JsonNode apply(JsonNode document) {
		JsonNode result = document.deepCopy();
		for (Operation operation : operations) {
			result = apply(result, operation);
		}
		return result;
	}

	private static JsonNode apply(JsonNode document, Operation operation) {
		return switch (operation.op()) {
			case "add" -> add(document, operation.path(), operation.value().deepCopy(), operation);
			case "remove" -> {
				remove(document, operation.path(), operation);
				yield document;
			}
			case "replace" -> {
				if (operation.path().isEmpty()) {
					yield operation.value().deepCopy();
				}
				remove(document, operation.path(), operation);
				yield add(document, operation.path(), operation.value().deepCopy(), operation);
			}
			case "move" -> {
				if (isProperPrefix(operation.from(), operation.path())) {
					throw notApplicable(operation, "moves a value into one of its own children");
				}
				JsonNode value = get(document, operation.from(), operation, "from");
				if (operation.from().equals(operation.path())) {
					yield document;
				}
				remove(document, operation.from(), operation);
				yield add(document, operation.path(), value, operation);
			}
			case "copy" -> add(document, operation.path(),
					get(document, operation.from(), operation, "from").deepCopy(), operation);
			case "test" -> {
				if (!same(get(document, operation.path(), operation, "path"), operation.value())) {
					throw notApplicable(operation,
							"test failed: the value at " + pointerText(operation.path()) + " is not the one given");
				}
				yield document;
			}
			default -> throw new IllegalStateException(operation.op());
		};
	}

	private static JsonNode add(JsonNode document, List<String> path, JsonNode value, Operation operation) {
		if (path.isEmpty()) {
			return value;
		}
		JsonNode parent = parent(document, path, operation);
		String last = path.get(path.size() - 1);
		if (parent instanceof ObjectNode object) {
			object.set(last, value);
		}
		else if (parent instanceof ArrayNode array) {
			if ("-".equals(last)) {
				array.add(value);
			}
			else {
				int index = index(last, array.size(), operation);
				array.insert(index, value);
			}
		}
		else {
			throw notApplicable(operation, "the parent of " + pointerText(path) + " is not an object or array");
		}
		return document;
	}

	private static void remove(JsonNode document, List<String> path, Operation operation) {
		if (path.isEmpty()) {
			throw notApplicable(operation, "cannot remove the whole document");
		}
		JsonNode parent = parent(document, path, operation);
		String last = path.get(path.size() - 1);
		if (parent instanceof ObjectNode object && object.has(last)) {
			object.remove(last);
		}
		else if (parent instanceof ArrayNode array && !"-".equals(last)) {
			array.remove(index(last, array.size() - 1, operation));
		}
		else {
			throw notApplicable(operation, "there is no value at " + pointerText(path));
		}
	}

	private static JsonNode parent(JsonNode document, List<String> path, Operation operation) {
		return get(document, path.subList(0, path.size() - 1), operation, "path");
	}

	private static JsonNode get(JsonNode document, List<String> path, Operation operation, String member) {
		JsonNode current = document;
		for (String token : path) {
			if (current.isObject() && current.has(token)) {
				current = current.get(token);
			}
			else if (current.isArray() && !"-".equals(token)) {
				current = current.get(index(token, current.size() - 1, operation));
			}
			else {
				throw notApplicable(operation, "there is no value at its " + member + " " + pointerText(path));
			}
		}
		return current;
	}

	/** An array index of at most {@code max}: digits, no leading zero (RFC 6901 §4). */
	private static int index(String token, int max, Operation operation) {
		boolean digits = !token.isEmpty() && token.length() <= 9 && token.chars().allMatch(c -> c >= '0' && c <= '9')
				&& (token.length() == 1 || token.charAt(0) != '0');
		if (!digits) {
			throw notApplicable(operation, "\"" + token + "\" is not an array index");
		}
		int index = Integer.parseInt(token);
		if (index > max) {
			throw notApplicable(operation, "index " + index + " is beyond the end of the array");
		}
		return index;
	}

	/** RFC 6902 §4.6: numbers equal by value, objects regardless of member order. */
	static boolean same(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue()) == 0;
		}
		if (a.isObject() && b.isObject()) {
			if (a.size() != b.size()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> member : a.properties()) {
				JsonNode other = b.get(member.getKey());
				if (other == null || !same(member.getValue(), other)) {
					return false;
				}
			}
			return true;
		}
		if (a.isArray() && b.isArray()) {
			if (a.size() != b.size()) {
				return false;
			}
			Iterator<JsonNode> left = a.iterator();
			Iterator<JsonNode> right = b.iterator();
			while (left.hasNext()) {
				if (!same(left.next(), right.next())) {
					return false;
				}
			}
			return true;
		}
		return a.equals(b);
	}

	private static boolean isProperPrefix(List<String> prefix, List<String> path) {
		return prefix.size() < path.size() && path.subList(0, prefix.size()).equals(prefix);
	}

	/** The tokens of a JSON Pointer (RFC 6901): "" is the whole document. */
	private static List<String> pointer(String text, int index) {
		List<String> tokens = new ArrayList<>();
		if (text.isEmpty()) {
			return tokens;
		}
		if (text.charAt(0) != '/') {
			throw malformed(index, "has a pointer that does not start with /: " + text);
		}
		for (String raw : text.substring(1).split("/", -1)) {
			StringBuilder token = new StringBuilder();
			for (int i = 0; i < raw.length(); i++) {
				char c = raw.charAt(i);
				if (c != '~') {
					token.append(c);
					continue;
				}
				char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
				if (next != '0' && next != '1') {
					throw malformed(index, "has a pointer with a ~ not followed by 0 or 1: " + text);
				}
				token.append(next == '0' ? '~' : '/');
				i++;
			}
			tokens.add(token.toString());
		}
		return tokens;
	}

	private static String pointerText(List<String> tokens) {
		StringBuilder text = new StringBuilder();
		tokens.forEach(t -> text.append('/').append(t.replace("~", "~0").replace("/", "~1")));
		return text.toString();
	}

	private static String text(JsonNode operation, String member, int index) {
		JsonNode value = operation.get(member);
		if (value == null || !value.isString()) {
			throw malformed(index, "has no " + member + " string");
		}
		return value.asString();
	}

	private static PatchException malformed(int index, String problem) {
		return new PatchException(Kind.MALFORMED, "JSON Patch operation " + index + " " + problem);
	}

	private static PatchException notApplicable(Operation operation, String problem) {
		return new PatchException(Kind.NOT_APPLICABLE,
				"JSON Patch operation " + operation.index() + " (" + operation.op() + ") does not apply: " + problem);
	}

}
