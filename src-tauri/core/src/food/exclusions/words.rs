//! The words and phrases of food names each exclusion looks for (padded with spaces, so a
//! phrase matches whole words only).

#[rustfmt::skip]
pub(super) const TREE_NUT_WORDS: &[&str] = &[
    "almond", "almonds", "cashew", "cashews", "walnut", "walnuts", "pecan", "pecans", "pistachio",
    "pistachios", "hazelnut", "hazelnuts", "filbert", "filberts", "macadamia", "macadamias",
    "brazilnut", "brazilnuts", "pinenut", "pinenuts", "pignolia", "pignolias", "pinyon", "chestnut",
    "chestnuts", "beechnut", "beechnuts", "hickorynut", "hickorynuts", "ginkgo", "nut", "nuts",
    "nutty", "coconut", "coconuts", "praline", "pralines", "marzipan", "nougat", "gianduja",
    "nutella", "pesto", "baklava", "granola", "muesli", "biscotti", "frangipane", "macaroon",
    "macaroons", "amaretti", "amaretto", "toblerone", "mole",
];
/// Words ending in "nut" that are not tree nuts (butternut squash is handled apart).
#[rustfmt::skip]
pub(super) const NOT_TREE_NUTS: &[&str] = &[
    "doughnut", "doughnuts", "donut", "donuts", "peanut", "peanuts", "groundnut", "groundnuts",
];
/// First words of two-word tree nut names ("pine nuts", "brazil nuts").
pub(super) const NAMED_NUT_FIRST_WORDS: &[&str] =
    &["pine", "brazil", "hickory", "pili", "kola", "beech", "shea"];
/// Candies and bars: nuts in many, cross-contact in most.
#[rustfmt::skip]
pub(super) const CANDY_WORDS: &[&str] = &[
    "candy", "candies", "bar", "bars", "fudge", "truffle", "truffles", "toffee", "divinity",
    "halavah", "halvah", "halva",
];
#[rustfmt::skip]
pub(super) const TREE_NUT_PHRASES: &[&str] = &[
    " trail mix ", " hickory nuts ", " rocky road ", " german chocolate ",
];
/// Candy bars with peanuts or tree nuts in the recipe.
#[rustfmt::skip]
pub(super) const NUT_CANDY_BRANDS: &[&str] = &[
    "snickers", "reese", "reeses", "butterfinger", "payday", "nutrageous", "goodbar", "heath",
    "mounds", "turtles", "planters", "brittle",
];
#[rustfmt::skip]
pub(super) const NUT_CANDY_PHRASES: &[&str] = &[
    " baby ruth ", " oh henry ", " take 5 ", " 5th avenue ", " almond joy ", " cracker jack ",
];
#[rustfmt::skip]
pub(super) const PEANUT_WORDS: &[&str] = &[
    "peanut", "peanuts", "groundnut", "groundnuts", "arachis", "goober", "goobers", "nutter",
    "satay", "granola", "muesli", "mole",
];
#[rustfmt::skip]
pub(super) const PEANUT_PHRASES: &[&str] = &[
    " mixed nuts ", " trail mix ", " pad thai ", " kung pao ", " nut mix ",
];
#[rustfmt::skip]
pub(super) const SOY_WORDS: &[&str] = &[
    "soy", "soya", "soybean", "soybeans", "soymilk", "soymilks", "tofu", "tempeh", "edamame",
    "miso", "natto", "okara", "yuba", "shoyu", "tamari", "tvp", "lecithin", "teriyaki", "hoisin",
    "meatless", "vegetarian", "veggie", "morningstar", "gardenburger", "boca", "worthington",
    "prosobee", "isomil", "silk",
];
pub(super) const SOY_PHRASES: &[&str] = &[" vegetable protein ", " loma linda "];
#[rustfmt::skip]
pub(super) const GLUTEN_FREE_GRAINS: &[&str] = &[
    "rice", "corn", "cornmeal", "masa", "hominy", "grits", "polenta", "quinoa", "buckwheat",
    "millet", "amaranth", "sorghum", "teff", "tapioca", "arrowroot", "cornstarch",
];
/// Flours made from something other than wheat, barley or rye.
#[rustfmt::skip]
pub(super) const GLUTEN_FREE_FLOURS: &[&str] = &[
    "rice", "corn", "cornmeal", "masa", "potato", "tapioca", "arrowroot", "buckwheat", "quinoa",
    "millet", "amaranth", "sorghum", "teff", "soy", "chickpea", "peanut", "almond", "coconut",
    "cottonseed", "sesame", "sunflower", "acorn", "carob", "cassava", "chestnut", "lupin",
];
#[rustfmt::skip]
pub(super) const GLUTEN_WORDS: &[&str] = &[
    "wheat", "wheats", "barley", "rye", "spelt", "kamut", "triticale", "bulgur", "couscous",
    "semolina", "farina", "durum", "seitan", "gluten", "bread", "breads", "breadcrumbs", "breaded",
    "breading", "breadstick", "breadsticks", "bun", "buns", "roll", "rolls", "bagel", "bagels",
    "biscuit", "biscuits", "cracker", "crackers", "cookie", "cookies", "cake", "cakes", "cupcake",
    "cupcakes", "muffin", "muffins", "pie", "pies", "pastry", "pastries", "croissant", "croissants",
    "crouton", "croutons", "doughnut", "doughnuts", "donut", "donuts", "pancake", "pancakes",
    "waffle", "waffles", "pretzel", "pretzels", "pizza", "pasta", "spaghetti", "macaroni", "noodle",
    "noodles", "lasagna", "lasagne", "ravioli", "tortellini", "gnocchi", "dumpling", "dumplings",
    "stuffing", "matzo", "matzoh", "matzos", "graham", "malt", "malted", "beer", "ale", "lager",
    "stout", "teriyaki", "hoisin", "gravy", "roux", "batter", "battered", "tempura", "panko",
    "cereal", "cereals", "granola", "muesli", "oat", "oats", "oatmeal", "sandwich", "sandwiches",
    "sub", "submarine", "burger", "burgers", "hamburger", "hamburgers", "cheeseburger",
    "cheeseburgers", "burrito", "burritos", "quesadilla", "quesadillas", "enchilada", "enchiladas",
    "taco", "tacos", "empanada", "empanadas", "samosa", "samosas", "wonton", "wontons", "mein",
    "brownie", "brownies", "cheesecake", "cobbler", "strudel", "danish", "eclair", "eclairs",
    "scone", "scones", "shortbread", "wafer", "wafers", "pita", "naan", "chapati", "roti",
    "focaccia", "ciabatta", "brioche", "challah", "crepe", "crepes", "blintz", "blintzes",
    "pierogi", "kugel", "tabbouleh", "orzo", "ramen", "udon", "soba", "licorice", "crispbread",
    "zwieback", "teething", "nuggets", "fingers", "meatloaf", "meatball", "meatballs", "surimi",
    "ovaltine", "postum", "multigrain", "chowder", "bisque", "gumbo", "minestrone", "toast",
    "crust", "phyllo", "filo", "turnover", "turnovers", "croquettes", "crumbs", "crumb",
    "stroganoff", "cone", "cones", "beerwurst", "stew", "stews",
];
#[rustfmt::skip]
pub(super) const GLUTEN_PHRASES: &[&str] = &[
    " soy sauce ", " cream of ", " multi grain ", " imitation crab ", " puff pastry ",
    " cheese sauce ", " white sauce ",
];
#[rustfmt::skip]
pub(super) const PLANT_MILKS: &[&str] = &[
    "soy", "almond", "coconut", "rice", "oat", "cashew", "hemp", "pea", "flax", "nut",
];
#[rustfmt::skip]
pub(super) const NON_DAIRY_BUTTERS: &[&str] = &[
    "peanut", "almond", "nut", "cashew", "sesame", "sunflower", "seed", "apple", "cocoa", "shea",
    "soy", "pumpkin", "hazelnut", "pistachio", "walnut", "pecan", "macadamia",
];
#[rustfmt::skip]
pub(super) const DAIRY_WORDS: &[&str] = &[
    "milks", "milky", "chocolatey", "custards", "milkfat", "milkshake", "milkshakes", "buttermilk",
    "cheese", "cheeses", "cheesecake", "cheeseburger", "cheeseburgers", "yogurt", "yogurts",
    "yoghurt", "kefir", "whey", "casein", "caseinate", "caseinates", "lactose", "ghee", "custard",
    "pudding", "puddings", "eggnog", "butterscotch", "butterfat", "margarine", "alfredo", "gratin",
    "scalloped", "parmesan", "parmigiana", "mozzarella", "ricotta", "cheddar", "brie", "feta",
    "gouda", "provolone", "romano", "paneer", "queso", "quesadilla", "quesadillas", "lasagna",
    "pizza", "fudge", "caramel", "caramels", "toffee", "nougat", "truffle", "truffles", "frosting",
    "icing", "ranch", "tzatziki", "raita", "bechamel", "hollandaise", "bearnaise", "stroganoff",
    "chowder", "bisque", "formula", "pesto", "latte", "cappuccino", "mocha", "smoothie",
    "smoothies", "shake", "shakes", "malted", "ovaltine",
];
/// Baked sweets made with milk or butter in most recipes (not breakfast cereals: shredded
/// wheat "biscuits" are only wheat).
#[rustfmt::skip]
pub(super) const BUTTERY_BAKES: &[&str] = &[
    "cake", "cakes", "cupcake", "cupcakes", "cookie", "cookies", "muffin", "muffins", "pancake",
    "pancakes", "waffle", "waffles", "biscuit", "biscuits", "scone", "scones", "croissant",
    "croissants", "brioche", "danish", "pastry", "pastries", "pie", "pies", "doughnut", "doughnuts",
    "donut", "donuts", "crepe", "crepes", "brownie", "brownies", "coffeecake", "eclair", "eclairs",
    "strudel", "shortbread", "cobbler",
];
#[rustfmt::skip]
pub(super) const FISH_WORDS: &[&str] = &[
    "fish", "fishes", "seafood", "shellfish", "salmon", "tuna", "cod", "pollock", "haddock",
    "halibut", "mackerel", "sardine", "sardines", "anchovy", "anchovies", "herring", "trout",
    "tilapia", "catfish", "flounder", "sole", "snapper", "swordfish", "mahimahi", "whitefish",
    "whiting", "mullet", "pompano", "grouper", "roughy", "monkfish", "sturgeon", "shad", "pike",
    "perch", "bass", "carp", "smelt", "eel", "milkfish", "wolffish", "butterfish", "bluefish",
    "croaker", "tilefish", "burbot", "cusk", "ling", "roe", "caviar", "shrimp", "shrimps", "prawn",
    "prawns", "crab", "crabs", "lobster", "lobsters", "langostino", "crayfish", "crawfish", "clam",
    "clams", "mussel", "mussels", "scallop", "scallops", "squid", "calamari", "octopus",
    "cuttlefish", "abalone", "conch", "whelk", "whelks", "krill", "surimi", "lox", "gefilte",
    "kamaboko", "dashi", "bonito", "sushi", "paella", "bouillabaisse", "cioppino", "worcestershire",
    "caesar",
];
#[rustfmt::skip]
pub(super) const MEAT_WORDS: &[&str] = &[
    "meat", "meats", "meatball", "meatballs", "meatloaf", "beef", "pork", "ham", "hams", "bacon",
    "hamburger", "hamburgers", "cheeseburger", "cheeseburgers", "burger", "burgers", "chicken",
    "turkey", "duck", "goose", "poultry", "lamb", "mutton", "veal", "venison", "elk", "deer",
    "bison", "moose", "caribou", "rabbit", "squirrel", "beaver", "bear", "seal", "whale", "walrus",
    "opossum", "raccoon", "frog", "snail", "snails", "escargot", "turtle", "alligator", "ostrich",
    "emu", "quail", "pheasant", "squab", "dove", "grouse", "sausage", "sausages", "salami",
    "pepperoni", "bologna", "frankfurter", "frankfurters", "hotdog", "hotdogs", "wiener", "wieners",
    "bratwurst", "kielbasa", "chorizo", "prosciutto", "pastrami", "jerky", "pate", "liverwurst",
    "braunschweiger", "giblets", "gizzard", "gizzards", "liver", "tongue", "tripe", "brains",
    "sweetbread", "sweetbreads", "chitterlings", "oxtail", "carne", "carnitas", "collagen", "steak",
    "steaks", "lion",
];
#[rustfmt::skip]
pub(super) const GELATIN_AND_FATS: &[&str] = &[
    "gelatin", "gelatine", "gelatins", "jell", "aspic", "marshmallow", "marshmallows", "gummy",
    "gummies", "gummi", "lard", "suet", "tallow", "schmaltz", "drippings",
];
/// Soups, stocks and gravies: meat or fish stock in many recipes.
#[rustfmt::skip]
pub(super) const SOUP_WORDS: &[&str] = &[
    "soup", "soups", "broth", "bouillon", "stock", "consomme", "chowder", "bisque", "gravy",
    "gumbo",
];
#[rustfmt::skip]
pub(super) const EGG_WORDS: &[&str] = &[
    "egg", "eggs", "eggnog", "mayonnaise", "mayo", "meringue", "custard", "quiche", "omelet",
    "omelette", "souffle", "albumen", "albumin", "aioli", "hollandaise", "bearnaise", "caesar",
    "tiramisu",
];
