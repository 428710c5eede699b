{application,kernel,[{description,"kernel"},{vsn,"8.5.3"},{modules,[]},{registered,[]},{applications,[]}]}.
