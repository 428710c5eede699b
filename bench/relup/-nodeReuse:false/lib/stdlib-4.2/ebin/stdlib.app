{application,stdlib,[{description,"stdlib"},{vsn,"4.2"},{modules,[]},{registered,[]},{applications,[kernel]}]}.
