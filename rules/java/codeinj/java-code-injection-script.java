import javax.script.*;
import org.springframework.expression.spel.standard.SpelExpressionParser;

public class Calculator {
    public Object compute(String formula) throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        // ruleid: java-code-injection-script
        Object result = engine.eval("var x = " + formula + "; x");
        SpelExpressionParser parser = new SpelExpressionParser();
        // ruleid: java-code-injection-script
        Object value = parser.parseExpression(formula).getValue();
        // ok: java-code-injection-script
        Object fixed = engine.eval("1 + 2");
        // ok: java-code-injection-script
        Object total = parser.parseExpression("price * quantity").getValue();
        return result;
    }
}
