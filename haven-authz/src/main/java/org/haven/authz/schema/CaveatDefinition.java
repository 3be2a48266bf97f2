package org.haven.authz.schema;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.SchemaException;

/** A named CEL condition over typed parameters, compiled once when the schema is compiled. */
public final class CaveatDefinition {

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String name;
    private final Map<String, CaveatParameterType> parameters;
    private final String expression;
    private final SourcePosition position;
    private final Set<String> referencedParameters;
    private final CelRuntime.Program program;

    private CaveatDefinition(String name, Map<String, CaveatParameterType> parameters, String expression, SourcePosition position,
                             Set<String> referencedParameters, CelRuntime.Program program) {
        this.name = name;
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.expression = expression;
        this.position = position;
        this.referencedParameters = Set.copyOf(referencedParameters);
        this.program = program;
    }

    /** Type-checks the CEL expression against the parameters; errors point at the expression's position. */
    static CaveatDefinition compile(String name, Map<String, CaveatParameterType> parameters, String expression,
                                    SourcePosition position, SourcePosition expressionPosition) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
        parameters.forEach((parameter, type) -> builder.addVar(parameter, type.celType()));
        CelCompiler compiler = builder.build();
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new SchemaException(expressionPosition.line(), expressionPosition.column(),
                    "caveat '" + name + "' expression is invalid: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new SchemaException(expressionPosition.line(), expressionPosition.column(),
                    "caveat '" + name + "' expression is invalid: " + firstLine(String.valueOf(e.getMessage())));
        }
        CelRuntime.Program program;
        try {
            program = RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new SchemaException(expressionPosition.line(), expressionPosition.column(),
                    "caveat '" + name + "' cannot be prepared: " + firstLine(e.getMessage()));
        }
        Set<String> referenced = new TreeSet<>();
        for (String parameter : parameters.keySet()) {
            if (Pattern.compile("\\b" + Pattern.quote(parameter) + "\\b").matcher(expression).find()) {
                referenced.add(parameter);
            }
        }
        return new CaveatDefinition(name, parameters, expression, position, referenced, program);
    }

    public String name() {
        return name;
    }

    public Map<String, CaveatParameterType> parameters() {
        return parameters;
    }

    public String expression() {
        return expression;
    }

    public SourcePosition position() {
        return position;
    }

    /** Rejects context values that are not parameters of this caveat or do not fit their declared type. */
    public void checkContext(Map<String, Object> context) {
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            CaveatParameterType type = parameters.get(entry.getKey());
            if (type == null) {
                throw new IllegalArgumentException("'" + entry.getKey() + "' is not a parameter of caveat '" + name + "'");
            }
            try {
                type.toCelValue(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + entry.getKey() + "' of caveat '" + name + "': " + e.getMessage());
            }
        }
    }

    /**
     * Evaluates with {@code relationshipContext} (fixed at write time, taking precedence) merged over
     * {@code requestContext}. Parameters the expression needs but nobody supplied make the outcome MISSING_CONTEXT,
     * unless the expression is decided without them (CEL's logical operators absorb unknown operands).
     */
    public CaveatOutcome evaluate(Map<String, Object> relationshipContext, Map<String, Object> requestContext) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> merged = new LinkedHashMap<>(requestContext);
        merged.putAll(relationshipContext);
        for (Map.Entry<String, Object> entry : merged.entrySet()) {
            CaveatParameterType type = parameters.get(entry.getKey());
            if (type == null) {
                continue;
            }
            try {
                values.put(entry.getKey(), type.toCelValue(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new AuthzException(AuthzErrorCode.CAVEAT_EVALUATION_FAILED,
                        "caveat '" + name + "' parameter '" + entry.getKey() + "': " + e.getMessage());
            }
        }
        Set<String> missing = new TreeSet<>(referencedParameters);
        missing.removeAll(values.keySet());
        try {
            Object result = program.eval(parameter -> Optional.ofNullable(values.get(parameter)));
            if (result instanceof Boolean decided) {
                return decided ? CaveatOutcome.TRUE : CaveatOutcome.FALSE;
            }
            if (!missing.isEmpty()) {
                // the runtime reports absent variables as an unknown result rather than an error
                return new CaveatOutcome(CaveatOutcome.Decision.MISSING_CONTEXT, missing);
            }
            throw new AuthzException(AuthzErrorCode.CAVEAT_EVALUATION_FAILED, "caveat '" + name + "' did not produce a boolean");
        } catch (CelEvaluationException e) {
            if (!missing.isEmpty()) {
                return new CaveatOutcome(CaveatOutcome.Decision.MISSING_CONTEXT, missing);
            }
            throw new AuthzException(AuthzErrorCode.CAVEAT_EVALUATION_FAILED,
                    "caveat '" + name + "' failed: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return "caveat " + name + parameters;
    }
}
