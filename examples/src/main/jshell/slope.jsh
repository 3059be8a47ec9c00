// The imports of `./slope shell` (JShell's startup script, after its DEFAULT one): slope's public
// packages, so that the README's tour can be typed line by line. Module is imported by name, since
// java.lang.Module would make the bare name ambiguous; DType is the one type needed from the backend.
import dev.slope.autograd.*;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.check.*;
import dev.slope.nn.*;
import dev.slope.nn.Module;
import dev.slope.nn.data.*;
import dev.slope.optim.*;
import dev.slope.optim.schedule.*;
import dev.slope.optim.secondorder.*;
import java.util.*;
