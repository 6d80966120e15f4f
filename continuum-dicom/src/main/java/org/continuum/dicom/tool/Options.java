package org.continuum.dicom.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code --name value}, {@code --flag} and positional arguments; unknown options
 * are usage errors.
 */
final class Options {

	private final Map<String, List<String>> values = new LinkedHashMap<>();

	private final List<String> positional = new ArrayList<>();

	Options(String[] args, Set<String> withValue, Set<String> flags) throws UsageException {
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (a.equals("-h")) {
				a = "--help";
			}
			if (a.startsWith("-") && a.length() > 1) {
				String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
				if (flags.contains(name)) {
					values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
				}
				else if (withValue.contains(name)) {
					if (i + 1 >= args.length) {
						throw new UsageException("option " + a + " needs a value");
					}
					values.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
				}
				else {
					throw new UsageException("unknown option " + a);
				}
			}
			else {
				positional.add(a);
			}
		}
	}

	boolean has(String name) {
		return values.containsKey(name);
	}

	@Nullable String get(String name, @Nullable String defaultValue) {
		List<String> v = values.get(name);
		return v == null ? defaultValue : v.get(v.size() - 1);
	}

	String require(String name) throws UsageException {
		String v = get(name, null);
		if (v == null) {
			throw new UsageException("missing --" + name);
		}
		return v;
	}

	int getInt(String name, int defaultValue) throws UsageException {
		String v = get(name, null);
		if (v == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " needs a number, not '" + v + "'");
		}
	}

	List<String> all(String name) {
		return values.getOrDefault(name, List.of());
	}

	List<String> positional() {
		return positional;
	}

}
