import BrowserModel
import CNCursesW
