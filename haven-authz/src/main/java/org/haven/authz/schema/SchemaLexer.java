package org.haven.authz.schema;

import org.haven.authz.SchemaException;

/** Splits schema text into identifiers and symbols, skipping whitespace and comments, tracking line and column. */
final class SchemaLexer {

    enum Kind { IDENTIFIER, SYMBOL, END }

    record Token(Kind kind, String text, SourcePosition position) {
        boolean is(String expected) {
            return kind != Kind.END && text.equals(expected);
        }

        String describe() {
            return kind == Kind.END ? "end of schema" : "'" + text + "'";
        }
    }

    private static final String SYMBOLS = "{}()[]:|#*=+&-,<>.";

    private final String source;
    private int index;
    private int line = 1;
    private int column = 1;
    private Token lookahead;

    SchemaLexer(String source) {
        this.source = source;
    }

    Token peek() {
        if (lookahead == null) {
            lookahead = lex();
        }
        return lookahead;
    }

    Token next() {
        Token token = peek();
        lookahead = null;
        return token;
    }

    SourcePosition position() {
        return lookahead != null ? lookahead.position() : new SourcePosition(line, column);
    }

    /**
     * The raw text up to the brace that closes an already consumed {@code {}, which is consumed too. Used for caveat
     * bodies, which are CEL rather than schema language. Braces inside CEL string literals do not count.
     */
    String rawBlock(SourcePosition opening) {
        if (lookahead != null) {
            throw new IllegalStateException("raw block read after a lookahead");
        }
        int depth = 1;
        int start = index;
        char quote = 0;
        while (index < source.length()) {
            char c = source.charAt(index);
            if (quote != 0) {
                if (c == '\\') {
                    advance();
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    String body = source.substring(start, index);
                    advance();
                    return body;
                }
            }
            advance();
        }
        throw new SchemaException(opening.line(), opening.column(), "caveat body is not closed with '}'");
    }

    private Token lex() {
        skipWhitespaceAndComments();
        SourcePosition at = new SourcePosition(line, column);
        if (index >= source.length()) {
            return new Token(Kind.END, "", at);
        }
        char c = source.charAt(index);
        if (Character.isLetter(c) || c == '_') {
            int start = index;
            while (index < source.length() && isIdentifierPart(source.charAt(index))) {
                advance();
            }
            return new Token(Kind.IDENTIFIER, source.substring(start, index), at);
        }
        if (c == '-' && index + 1 < source.length() && source.charAt(index + 1) == '>') {
            advance();
            advance();
            return new Token(Kind.SYMBOL, "->", at);
        }
        if (SYMBOLS.indexOf(c) >= 0) {
            advance();
            return new Token(Kind.SYMBOL, String.valueOf(c), at);
        }
        throw new SchemaException(at.line(), at.column(), "unexpected character '" + printable(c) + "'");
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '/';
    }

    private void skipWhitespaceAndComments() {
        while (index < source.length()) {
            char c = source.charAt(index);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (source.startsWith("//", index)) {
                while (index < source.length() && source.charAt(index) != '\n') {
                    advance();
                }
            } else if (source.startsWith("/*", index)) {
                SourcePosition at = new SourcePosition(line, column);
                int end = source.indexOf("*/", index + 2);
                if (end < 0) {
                    throw new SchemaException(at.line(), at.column(), "comment is not closed with '*/'");
                }
                while (index < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (source.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
